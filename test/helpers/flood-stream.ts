/**
 * A flood whose every byte says where it is: 16-byte lines, each its own
 * stream offset in 15 hex digits and a newline ("0000000000abc10\n"), so a
 * page of it read back anywhere can be checked against what was sent
 * without keeping a copy; a marker (16 bytes with letters no line has) may
 * stand in for one line, for Find to look for. Written by
 * children/flood-writer.ts as fast as a socket takes it.
 */
export const LINE = 16;
export const FLOOD_BLOCK = 64 * 1024;
export const MARKER = 'WB-MARKER-FOUND\n';

/** The line at a stream offset (a multiple of LINE). */
export function floodLine(offset: number): string {
  return `${offset.toString(16).padStart(LINE - 1, '0')}\n`;
}

/** Lines as they are, with the marker at `markerAt` (a multiple of LINE), if any. */
export function floodSlice(from: number, to: number, markerAt = -1): Buffer {
  const first = Math.floor(from / LINE) * LINE;
  let text = '';
  for (let at = first; at < to; at += LINE) text += at === markerAt ? MARKER : floodLine(at);
  return Buffer.from(text, 'latin1').subarray(from - first, to - first);
}

/** A template block: every line's last four digits and newline in place, the upper eleven left to fill. */
function template(): Buffer {
  const block = Buffer.alloc(FLOOD_BLOCK);
  for (let i = 0; i < FLOOD_BLOCK / LINE; i++) block.write(floodLine(i * LINE), i * LINE, 'latin1');
  return block;
}

/**
 * Writes block after block of the flood into `out` (reused): the block at
 * `offset` (a multiple of FLOOD_BLOCK). Lines of one block differ only in
 * their last four digits, so only the upper eleven are filled in.
 */
export function makeBlockWriter(): (offset: number, markerAt?: number) => Buffer {
  const base = template();
  const out = Buffer.alloc(FLOOD_BLOCK);
  return (offset, markerAt = -1) => {
    base.copy(out);
    const upper = Buffer.from((offset / FLOOD_BLOCK).toString(16).padStart(11, '0'), 'latin1');
    for (let line = 0; line < FLOOD_BLOCK; line += LINE) upper.copy(out, line);
    if (markerAt >= offset && markerAt < offset + FLOOD_BLOCK) {
      out.write(MARKER, markerAt - offset, 'latin1');
    }
    return out;
  };
}
