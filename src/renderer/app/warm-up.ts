import { formatCount } from '../i18n/i18n';

/**
 * The first text in a given face, size and weight costs Chromium a font
 * lookup (on Linux a round trip to the font service, milliseconds each on a
 * busy machine), and the first number formatted loads the locale's data: a
 * connection tab met dozens of those at once, 30-50 ms in its first layout.
 * While the window is idle after start-up, meet them in small steps, so the
 * tab finds them done. The faces and sizes are those of the stylesheets
 * (styles/*.css, log.css, payload-editor.css; Monaco draws at 13 px, bold and
 * italic included); one missing here only costs that lookup later.
 */
const SIZES = ['11px', '11.5px', '12px', '12.5px', '13px', '14px', '16px'];
const STYLES = ['normal 400', 'normal 600', 'normal 700', 'italic 400', 'italic 700'];
/** Each face with what it shows; the monospace line also has what Monaco measures (fontMeasurements.js). */
const FACES: Array<[face: string, sample: string]> = [
  ['var(--mono)', 'Aa09 {}|:.→·\uff4d\uffeb\u2e31'],
  ['inherit', 'Aa09 {}|:.'],
];

function steps(): Array<() => void> {
  const lines = FACES.flatMap(([face, sample]) =>
    SIZES.flatMap((size) => STYLES.map((style) => [`${style} ${size} ${face}`, sample] as const)),
  );
  return [
    () => void formatCount(0),
    ...lines.map(
      ([font, sample]) =>
        () =>
          layOutHidden(font, sample),
    ),
  ];
}

/** One line of `sample` in `font`, laid out out of sight and taken away again. */
function layOutHidden(font: string, sample: string): void {
  const line = document.createElement('span');
  line.setAttribute('aria-hidden', 'true');
  line.style.cssText = `position:absolute;left:-9999px;top:0;visibility:hidden;white-space:pre;font:${font}`;
  line.textContent = sample;
  document.body.append(line);
  void line.offsetWidth; // the layout that looks the font up
  line.remove();
}

/** A step can take a few milliseconds (more on a busy machine): this many at most per idle call. */
const SLICE_MS = 8;

/** Runs the steps in idle time, a few milliseconds' worth per idle period. */
export function warmUpWhenIdle(): void {
  const queue = steps();
  const run = (deadline: IdleDeadline): void => {
    const start = performance.now();
    do queue.shift()?.();
    while (
      queue.length > 0 &&
      performance.now() - start < SLICE_MS &&
      deadline.timeRemaining() > SLICE_MS
    );
    if (queue.length > 0) requestIdleCallback(run);
  };
  requestIdleCallback(run);
}
