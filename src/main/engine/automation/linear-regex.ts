import v8 from 'node:v8';
import { problem } from '../../../shared/automation/automation-errors';
import { foldAsciiCase, plainRegex, type RegexMaker } from '../../../shared/automation/regex-maker';

/**
 * Regexes that run on what a peer sends, in the main process, must finish.
 * JavaScript's backtracking engine can take exponential time (`^(a+)+$` on
 * forty `a`s and a `b`), and nothing can interrupt a running regex on this
 * thread, so a hostile message (or an unlucky one) would freeze every socket.
 *
 * V8 has a linear-time engine. With these flags, a regex that the linear
 * engine can run is first tried by the fast backtracking engine and moved
 * to the linear one once it backtracks too much: ordinary regexes keep
 * their speed, pathological ones are bounded. The flags change how a match
 * is found, never what it finds, so they are safe for every regex in the
 * process.
 *
 * A regex the linear engine cannot run (back-references, look-arounds, the
 * u flag, large counted repeats) is refused with a sentence. The i flag is
 * not supported there either, so it is replaced by spelling out both cases
 * of each ASCII letter (foldAsciiCase).
 */
v8.setFlagsFromString('--enable-experimental-regexp-engine');
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

export const linearRegex: RegexMaker = (source, flags) => {
  const checked = plainRegex(source, flags);
  if (!checked.ok) return checked;
  const body = flags.includes('i') ? foldAsciiCase(source) : source;
  const rest = flags.replace('i', '');
  try {
    new RegExp(body, `${rest}l`);
  } catch {
    return { ok: false, problem: problem('regex-not-linear', {}) };
  }
  return { ok: true, re: new RegExp(body, rest) };
};
