/**
 * Bytes cut into lines as a terminal ends them (\n, \r\n or a lone \r),
 * decoded as UTF-8, holding at most `maxBytes` of an unfinished line: a
 * longer line is dropped as it arrives and comes out as null, so a stdin
 * without newlines (a binary file, a stuck generator) never fills memory.
 */
export class BoundedLines {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private tooLong = false;
  /** The last chunk ended with \r: a \n first in the next one ends no second line. */
  private afterCr = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): Array<string | null> {
    const out: Array<string | null> = [];
    let start = 0;
    if (this.afterCr && chunk[0] === 0x0a) start = 1;
    this.afterCr = false;
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== 0x0a && byte !== 0x0d) continue;
      this.hold(chunk.subarray(start, i));
      out.push(this.take());
      if (byte === 0x0d) {
        if (i + 1 === chunk.length) this.afterCr = true;
        else if (chunk[i + 1] === 0x0a) i++;
      }
      start = i + 1;
    }
    this.hold(chunk.subarray(start));
    return out;
  }

  /** The last line, if it had no newline. */
  end(): Array<string | null> {
    return this.heldBytes > 0 || this.tooLong ? [this.take()] : [];
  }

  private hold(part: Buffer): void {
    if (part.length === 0 || this.tooLong) return;
    if (this.heldBytes + part.length > this.maxBytes) {
      this.tooLong = true;
      this.held = [];
      this.heldBytes = 0;
      return;
    }
    // A copy: the stream may reuse the chunk's memory.
    this.held.push(Buffer.from(part));
    this.heldBytes += part.length;
  }

  private take(): string | null {
    const line = this.tooLong ? null : Buffer.concat(this.held).toString('utf8');
    this.held = [];
    this.heldBytes = 0;
    this.tooLong = false;
    return line;
  }
}
