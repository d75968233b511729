import { useMemo, useState } from 'react';
import { visibleTextRuns, type TextRun } from '../../shared/bytes/visible-text';
import type { TextEncodingName } from '../../shared/payload/encodings';
import { formatBytes, formatCount, useT } from '../i18n/i18n';
import { SourcePicker } from './HexView';
import { updateLogUi } from '../store/store';
import { EncodingField } from '../ui/EncodingField';
import type { LogModel } from './use-log-model';
import { useViewSource } from './use-view-bytes';

/** The most bytes decoded at once; a longer stream shows its newest part, or the part chosen. */
export const TEXT_VIEW_BYTES = 32 * 1024;

/** Runs of the text with every non-printable shown as an escape, for any of the editor's encodings. */
export function textRuns(bytes: Uint8Array, encoding: TextEncodingName): TextRun[] {
  if (encoding !== 'ascii') return visibleTextRuns(bytes, { encoding });
  // ASCII has no byte above 0x7F: show those as escapes rather than as Latin-1 letters.
  const out: TextRun[] = [];
  for (const run of visibleTextRuns(bytes, { encoding: 'latin1' })) {
    if (run.escape) {
      out.push(run);
      continue;
    }
    let plain = '';
    for (const ch of run.text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) plain += ch;
      else {
        if (plain) out.push({ text: plain, escape: false });
        plain = '';
        out.push({ text: `\\x${code.toString(16).toUpperCase()}`, escape: true });
      }
    }
    if (plain) out.push({ text: plain, escape: false });
  }
  return out;
}

/**
 * The Text view: a window of TEXT_VIEW_BYTES of the bytes (the newest, and
 * the new ones as they come, unless the person moved back), decoded in a
 * chosen encoding, nothing invisible; Earlier and Later move through the
 * whole message or stream as the capture log holds it.
 */
export function TextView({ model }: { model: LogModel }) {
  const { t } = useT();
  const { pager: source, key } = useViewSource(model);
  const encoding = model.ui.encoding;
  // Where the window starts, for the source it was chosen in; null: the newest bytes.
  const [chosen, setChosen] = useState<{ key: string | null; from: number } | null>(null);
  const start = source?.start ?? 0;
  const end = source?.end ?? 0;
  const newest = Math.max(start, end - TEXT_VIEW_BYTES);
  const from =
    chosen && chosen.key === key ? Math.max(start, Math.min(chosen.from, newest)) : newest;
  const version = source?.version ?? -1;
  const runs = useMemo(() => {
    const bytes = source?.slice(from, Math.min(end, from + TEXT_VIEW_BYTES));
    return bytes ? textRuns(bytes, encoding) : null;
    // The pager fills in place; its version says when its bytes changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, version, from, end, encoding]);
  const origin = source?.origin ?? 0;
  const goTo = (at: number) => setChosen(at >= newest ? null : { key, from: at });

  return (
    <div className="view-text">
      <div className="view-bar">
        <SourcePicker model={model} />
        <EncodingField
          label={t('log.encoding')}
          value={encoding}
          onChange={(encoding) => updateLogUi(model.endpointId, { encoding })}
        />
        {source && end - start > TEXT_VIEW_BYTES && (
          <>
            <button
              type="button"
              disabled={from <= start}
              onClick={() => goTo(from - TEXT_VIEW_BYTES)}
            >
              {t('log.earlier')}
            </button>
            <button
              type="button"
              disabled={from >= newest}
              onClick={() => goTo(from + TEXT_VIEW_BYTES)}
            >
              {t('log.later')}
            </button>
            <span className="muted">
              {from >= newest
                ? t('log.textNewest', { n: formatBytes(TEXT_VIEW_BYTES) })
                : t('log.textWindow', {
                    from: formatCount(from - origin),
                    to: formatCount(Math.min(end, from + TEXT_VIEW_BYTES) - origin),
                    total: formatCount(end - origin),
                  })}
            </span>
          </>
        )}
      </div>
      {source ? (
        <pre
          className="text-body mono"
          tabIndex={0}
          aria-label={t('log.decodedText')}
          aria-busy={runs === null}
        >
          {(runs ?? []).map((r, i) =>
            r.escape ? (
              <span key={i} className="esc">
                {r.text}
              </span>
            ) : (
              r.text
            ),
          )}
        </pre>
      ) : (
        <p className="muted view-empty">{t('log.selectMessage')}</p>
      )}
    </div>
  );
}
