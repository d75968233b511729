import { problem } from './automation-errors';
import {
  MAX_REPEAT,
  MAX_TIME_MS,
  type ExpectPattern,
  type ParsedScript,
  type Statement,
} from './script-ast';
import { LineContext } from './script-line-context';
import {
  commentStart,
  readWord,
  skipSpace,
  splitLines,
  trailingClauses,
  trimEnd,
  type Word,
} from './script-lines';
import {
  nothingAfter,
  readHexPattern,
  readNumber,
  readPayload,
  readRegex,
  readWithin,
} from './script-operands';

/**
 * Parses a sequence script (the language is described in script-ast.ts).
 * Never throws: whatever the text, the result is the statements it could
 * read and a diagnostic, with its exact position, for everything else.
 */
export function parseScript(source: string): ParsedScript {
  const parser = new ScriptParser();
  splitLines(source).forEach((line, index) => parser.line(line, index + 1));
  return parser.finish();
}

type Repeat = Extract<Statement, { kind: 'repeat' }>;
type Frame = { repeat: Repeat; line: number; text: string; keyword: Word };

/** Statements line by line, and the repeat blocks they nest in. */
class ScriptParser {
  private readonly ctx = new LineContext();
  private readonly root: Statement[] = [];
  private readonly open: Frame[] = [];
  private step = 0;

  line(text: string, lineNo: number): void {
    this.ctx.at(text, lineNo);
    const keyword = readWord(text, 0);
    if (!keyword) return; // blank, or only a comment
    switch (keyword.text.toLowerCase()) {
      case 'send':
        return this.send(keyword);
      case 'expect':
        return this.expect(keyword);
      case 'wait':
        return this.wait(keyword);
      case 'repeat':
        return this.repeat(keyword);
      case 'end':
        return this.end(keyword);
      default: {
        const p = problem('statement-unknown', { word: keyword.text });
        this.ctx.report(keyword.start, keyword.end, p);
      }
    }
  }

  finish(): ParsedScript {
    for (const f of this.open.reverse())
      this.ctx.reportOn(
        f.text,
        f.line,
        f.keyword.start,
        f.keyword.end,
        problem('repeat-unclosed', {}),
      );
    const diagnostics = this.ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { statements: this.root, diagnostics, stepCount: this.step };
  }

  private add(statement: Statement): void {
    const frame = this.open[this.open.length - 1];
    (frame ? frame.repeat.body : this.root).push(statement);
  }

  /** Where the statement's own text ends: before the comment and trailing spaces. */
  private contentEnd(from: number): number {
    return trimEnd(this.ctx.text, from, commentStart(this.ctx.text, from));
  }

  /** The mode word after `send` or `expect`, or null after reporting why there is none. */
  private mode(keyword: Word, modes: string[]): Word | null {
    const statement = keyword.text.toLowerCase();
    const expected = modes.join(', ').replace(/, ([^,]*)$/, ' or $1');
    const word = readWord(this.ctx.text, keyword.end);
    if (!word) {
      this.ctx.report(keyword.start, keyword.end, problem('mode-missing', { statement, expected }));
      return null;
    }
    if (!modes.includes(word.text.toLowerCase())) {
      const p = problem('mode-unknown', { statement, word: word.text, expected });
      this.ctx.report(word.start, word.end, p);
      return null;
    }
    return word;
  }

  private send(keyword: Word): void {
    const mode = this.mode(keyword, ['text', 'hex']);
    if (!mode) return;
    const end = this.contentEnd(mode.end);
    const clauses = trailingClauses(this.ctx.text, skipSpace(this.ctx.text, mode.end), end, false);
    const payload = readPayload(this.ctx, keyword, mode, clauses);
    if (payload)
      this.add({
        kind: 'send',
        step: this.step++,
        span: this.ctx.span(keyword.start, end),
        payload,
      });
  }

  private expect(keyword: Word): void {
    const mode = this.mode(keyword, ['text', 'regex', 'hex']);
    if (!mode) return;
    let pattern: ExpectPattern | null;
    let withinMs: number | null = null;
    let end: number;
    if (mode.text.toLowerCase() === 'regex') {
      const r = readRegex(this.ctx, keyword, mode);
      pattern = r.pattern;
      end = r.end;
      if (r.clauses) withinMs = readWithin(this.ctx, r.clauses);
    } else {
      end = this.contentEnd(mode.end);
      const clauses = trailingClauses(this.ctx.text, skipSpace(this.ctx.text, mode.end), end, true);
      if (mode.text.toLowerCase() === 'text') {
        const payload = readPayload(this.ctx, keyword, mode, clauses);
        pattern = payload && { as: 'text', payload };
      } else pattern = readHexPattern(this.ctx, keyword, mode, clauses);
      withinMs = readWithin(this.ctx, clauses);
    }
    if (pattern && withinMs !== null) {
      const span = this.ctx.span(keyword.start, end);
      this.add({ kind: 'expect', step: this.step++, span, pattern, withinMs });
    }
  }

  /** The one number after `wait`/`repeat`, with nothing after it. */
  private numberAfter(
    keyword: Word,
    what: 'wait' | 'repeat',
    min: number,
    max: number,
  ): number | null {
    const word = readWord(this.ctx.text, keyword.end);
    if (!word) {
      this.ctx.report(keyword.start, keyword.end, problem('number-missing', { statement: what }));
      return null;
    }
    const value = readNumber(this.ctx, word, what, min, max);
    return nothingAfter(this.ctx, word.end) ? value : null;
  }

  private wait(keyword: Word): void {
    const ms = this.numberAfter(keyword, 'wait', 0, MAX_TIME_MS);
    const span = this.ctx.span(keyword.start, this.contentEnd(keyword.end));
    if (ms !== null) this.add({ kind: 'wait', step: this.step++, span, ms });
  }

  private repeat(keyword: Word): void {
    const count = this.numberAfter(keyword, 'repeat', 1, MAX_REPEAT);
    const span = this.ctx.span(keyword.start, this.contentEnd(keyword.end));
    // Even a repeat with a bad count opens a block, so its `end` is not reported as unmatched.
    const repeat: Repeat = { kind: 'repeat', step: this.step, span, count: count ?? 1, body: [] };
    if (count !== null) {
      this.step++;
      this.add(repeat);
    }
    this.open.push({ repeat, line: this.ctx.lineNo, text: this.ctx.text, keyword });
  }

  private end(keyword: Word): void {
    nothingAfter(this.ctx, keyword.end);
    const f = this.open.pop();
    if (!f) {
      this.ctx.report(keyword.start, keyword.end, problem('end-unmatched', {}));
      return;
    }
    if (f.repeat.body.length === 0) {
      const p = problem('repeat-empty', {});
      this.ctx.reportOn(f.text, f.line, f.keyword.start, f.keyword.end, p, 'warning');
    }
  }
}
