import { describeProblem } from '../../../src/shared/automation/automation-errors';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../src/shared/automation/script-parser';
import {
  DEFAULT_WITHIN_MS,
  flattenStatements,
  isRunnable,
  type Statement,
} from '../../../src/shared/automation/script-ast';
import { composePayload } from '../../../src/shared/payload/compose';
import { toHex } from '../payload/bytes';
import { englishOf } from '../../../src/shared/messages/plain-formats';

const ISSUE_EXAMPLE = String.raw`# comments start with #
send text HELLO\r\n            # text with the editor's escapes
send hex 01 03 00 00 00 0A +crc16/modbus
expect regex /TOKEN=(\w+)/ within 2000
send text AUTH {{$1}}\r\n
expect text OK within 500       # contains
expect hex 01 03 ?? ?? within 1000
wait 100
repeat 3
  send text PING {{counter}}\n
  expect text PONG
end`;

/** The one statement of a one-line script, which must parse cleanly. */
function only(line: string): Statement {
  const r = parseScript(line);
  expect(r.diagnostics).toEqual([]);
  expect(r.statements).toHaveLength(1);
  return r.statements[0] as Statement;
}

/** The diagnostics as [line, column, endColumn, code], for compact expectations. */
function marks(source: string) {
  return parseScript(source).diagnostics.map((d) => [
    d.line,
    d.column,
    d.endColumn,
    d.code.replace(/^automation\./, ''),
  ]);
}

function sendBytes(line: string): string {
  const s = only(line);
  if (s.kind !== 'send') throw new Error(`not a send: ${line}`);
  const r = composePayload(s.payload);
  if (!r.ok) throw new Error(r.issues[0] && englishOf(r.issues[0].message));
  return toHex(r.bytes);
}

describe('the script language', () => {
  it("parses the issue's example without a diagnostic", () => {
    const r = parseScript(ISSUE_EXAMPLE);
    expect(r.diagnostics).toEqual([]);
    expect(isRunnable(r)).toBe(true);
    expect(r.statements.map((s) => s.kind)).toEqual([
      'send',
      'send',
      'expect',
      'send',
      'expect',
      'expect',
      'wait',
      'repeat',
    ]);
    expect(r.stepCount).toBe(10);
    expect(flattenStatements(r.statements).map((s) => s.step)).toEqual([...Array(10).keys()]);
    const [hello, modbus, token, , ok, hex, wait, repeat] = r.statements;
    expect(hello).toMatchObject({ payload: { mode: 'text', source: String.raw`HELLO\r\n` } });
    expect(hello?.span).toEqual({ line: 2, column: 1, endColumn: 20 });
    expect(modbus).toMatchObject({
      payload: { mode: 'hex', source: '01 03 00 00 00 0A', checksum: { id: 'crc16-modbus' } },
    });
    expect(token).toMatchObject({
      pattern: { as: 'regex', source: String.raw`TOKEN=(\w+)`, flags: '' },
      withinMs: 2000,
    });
    expect(ok).toMatchObject({ pattern: { as: 'text', payload: { source: 'OK' } }, withinMs: 500 });
    expect(hex).toMatchObject({ pattern: { as: 'hex', pattern: '01 03 ?? ??' }, withinMs: 1000 });
    expect(wait).toMatchObject({ kind: 'wait', ms: 100 });
    expect(repeat).toMatchObject({ kind: 'repeat', count: 3 });
    if (repeat?.kind !== 'repeat') throw new Error('no repeat');
    expect(repeat.body.map((s) => s.kind)).toEqual(['send', 'expect']);
    expect(repeat.body[1]).toMatchObject({ withinMs: DEFAULT_WITHIN_MS });
  });

  it('composes a Modbus request with the CRC low byte first, as the editor does', () => {
    // 01 03 00 00 00 0A: the CRC-16/MODBUS is 0xCDC5, sent C5 CD.
    expect(sendBytes('send hex 01 03 00 00 00 0A +crc16/modbus')).toBe('01 03 00 00 00 0A C5 CD');
  });

  it('names a checksum by its catalogue id, its label or the issue spelling alike', () => {
    const forms = ['+crc16-modbus', '+crc16/modbus', '+CRC-16/MODBUS', '+crc16_modbus'];
    const bytes = forms.map((f) => sendBytes(`send hex 01 03 ${f}`));
    expect(new Set(bytes).size).toBe(1);
    expect(sendBytes('send hex 01 03 +crc16-modbus +be')).toBe('01 03 21 40');
    expect(sendBytes('send hex 01 02 03 +xor')).toBe('01 02 03 00');
  });

  it('applies the editor options: line ending, encoding, escapes, checksum placement', () => {
    expect(sendBytes('send text OK +crlf')).toBe('4F 4B 0D 0A');
    expect(sendBytes('send text 中 +gbk')).toBe('D6 D0');
    expect(sendBytes('send text A +utf-16le +lf')).toBe('41 00 0A 00');
    expect(sendBytes(String.raw`send text a\n +no-escapes`)).toBe('61 5C 6E');
    // The checksum before the line ending (default) or after it, as text.
    expect(sendBytes('send text $A +xor +crlf +from=1')).toBe('24 41 41 0D 0A');
    expect(sendBytes('send text A +xor +crlf +after-eol')).toBe('41 0D 0A 46');
    expect(sendBytes('send text A +xor +hex-text')).toBe('41 34 31');
  });

  it('ends a payload at an unescaped #, and trims the spaces before it', () => {
    expect(sendBytes('send text a b   # a comment')).toBe('61 20 62');
    expect(sendBytes(String.raw`send text a\#b # the first is a character`)).toBe('61 23 62');
    // `\\` is one escape, so the `#` after it starts a comment.
    expect(sendBytes(String.raw`send text a\\#b`)).toBe('61 5C');
    expect(sendBytes(String.raw`send text \x20a\x20`)).toBe('20 61 20');
  });

  it('keeps # and / inside a regex, including inside a character class', () => {
    const s = only(String.raw`expect regex /a[/]#\/b/im within 20 # comment`);
    expect(s).toMatchObject({
      pattern: { source: String.raw`a[/]#\/b`, flags: 'im' },
      withinMs: 20,
    });
  });

  it('reads `within` only as the clause, in either order with options', () => {
    expect(only('expect text OK +crlf within 5')).toMatchObject({
      withinMs: 5,
      pattern: { payload: { source: 'OK', lineEnding: 'crlf' } },
    });
    expect(only('expect text OK within 5 +crlf')).toMatchObject({ withinMs: 5 });
    expect(only('expect text ready within reach')).toMatchObject({
      withinMs: DEFAULT_WITHIN_MS,
      pattern: { payload: { source: 'ready within reach' } },
    });
  });

  it('takes keywords in any case, and indentation, blank lines and comments anywhere', () => {
    const r = parseScript('\n  # note\nREPEAT 2\n\tSend Text a\n\n  END # done\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.statements[0]).toMatchObject({ kind: 'repeat', count: 2, body: [{ kind: 'send' }] });
  });

  it('nests repeats', () => {
    const r = parseScript('repeat 2\n repeat 3\n  wait 1\n end\n wait 2\nend');
    expect(r.diagnostics).toEqual([]);
    expect(r.statements).toMatchObject([
      {
        kind: 'repeat',
        step: 0,
        body: [{ kind: 'repeat', step: 1, body: [{ step: 2 }] }, { step: 3 }],
      },
    ]);
  });

  it('marks each mistake at its exact place', () => {
    expect(marks('sned text x')).toEqual([[1, 1, 5, 'statement-unknown']]);
    expect(marks('send')).toEqual([[1, 1, 5, 'mode-missing']]);
    expect(marks('send txt x')).toEqual([[1, 6, 9, 'mode-unknown']]);
    expect(marks('send text   # nothing')).toEqual([[1, 1, 10, 'payload-missing']]);
    expect(marks('send hex 01 0 02')).toEqual([[1, 16, 17, 'payload-invalid']]);
    expect(marks(String.raw`send text ab\q`)).toEqual([[1, 13, 15, 'payload-invalid']]);
    // Positions after a `\#` still point at the script's own columns.
    expect(marks(String.raw`send text \#\#\q`)).toEqual([[1, 15, 17, 'payload-invalid']]);
    expect(marks('send text a +crc99')).toEqual([[1, 13, 19, 'option-unknown']]);
    expect(marks('send text a +lf +cr')).toEqual([[1, 17, 20, 'option-conflict']]);
    expect(marks('send text a +le')).toEqual([[1, 13, 16, 'option-needs-checksum']]);
    expect(marks('send hex 01 +gbk')).toEqual([[1, 13, 17, 'option-text-only']]);
    expect(marks('send hex 01 +xor +from=x')).toEqual([[1, 18, 25, 'option-value-invalid']]);
    expect(marks('expect hex 01 ? 02')).toEqual([[1, 15, 16, 'hex-pattern-lone-question']]);
    expect(marks('expect hex 01 +xor')).toEqual([[1, 15, 19, 'options-not-allowed']]);
    expect(marks('expect regex TOKEN')).toEqual([[1, 14, 19, 'regex-slash-missing']]);
    expect(marks('expect regex /a(/')).toEqual([[1, 14, 18, 'regex-invalid']]);
    expect(marks('expect regex /abc')).toEqual([[1, 14, 18, 'regex-unterminated']]);
    expect(marks('expect regex /a/gx')).toEqual([
      [1, 17, 18, 'regex-flag-unknown'],
      [1, 18, 19, 'regex-flag-unknown'],
    ]);
    expect(marks('expect regex /a/ soon')).toEqual([[1, 18, 22, 'text-unexpected']]);
    expect(marks('expect text OK within')).toEqual([[1, 16, 22, 'number-missing']]);
    expect(marks('expect text OK within 2s')).toEqual([[1, 23, 25, 'within-invalid']]);
    expect(marks('wait')).toEqual([[1, 1, 5, 'number-missing']]);
    expect(marks('wait -1')).toEqual([[1, 6, 8, 'wait-invalid']]);
    expect(marks('wait 10 ms')).toEqual([[1, 9, 11, 'text-unexpected']]);
    expect(marks('repeat 0\nwait 1\nend')).toEqual([[1, 8, 9, 'repeat-invalid']]);
    expect(marks('wait 1\n  end')).toEqual([[2, 3, 6, 'end-unmatched']]);
    expect(marks('repeat 2\nwait 1')).toEqual([[1, 1, 7, 'repeat-unclosed']]);
    expect(marks('send text {{$1}}{{nope}}')).toEqual([[1, 17, 25, 'payload-invalid']]);
  });

  it('warns about an empty repeat but can still run', () => {
    const r = parseScript('repeat 2\nend');
    expect(r.diagnostics).toMatchObject([
      { code: 'automation.repeat-empty', severity: 'warning', line: 1 },
    ]);
    expect(isRunnable(r)).toBe(true);
  });

  it('gives every diagnostic a code, its parameters and an English sentence', () => {
    const [d] = parseScript('expect text OK within 0').diagnostics;
    expect(d).toMatchObject({
      code: 'automation.within-invalid',
      params: { text: '0', min: 1, max: 86_400_000 },
      severity: 'error',
    });
    expect(d && describeProblem(d)).toBe(
      "The 'within' time (ms) must be a whole number from 1 to 86400000, not '0'",
    );
  });
});
