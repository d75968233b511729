import { concatBytes } from '../payload/byte-builder';
import { DEFAULT_PAYLOAD_SPEC } from '../payload/payload-spec';
import { composeWithCaptures } from './captures';
import { checksumOption, detectTrailingChecksum, type TrailingChecksum } from './checksum-detect';
import { compileRule, sameBytes, type CompiledRule } from './rule-match';
import type { AutoReplyRule } from './rule-spec';

/**
 * "Make rules from selection": a recorded conversation in, a rule list that
 * answers its requests the way the peer did.
 *
 * 1. Each request is paired with what the other side sent before the next
 *    request (several chunks are one response). Requests are the direction
 *    of the first message unless the caller says otherwise.
 * 2. A trailing checksum that one catalogue checksum explains on every
 *    request (checksum-detect.ts) becomes `??` in the pattern; on every
 *    response, it is left out of the reply and the reply's checksum option
 *    recomputes it.
 * 3. Requests are grouped by shape: the same length, and a response of the
 *    same length. In a group, request bytes that differ become `??`; a run
 *    of them that the response copies at the same offset (a Modbus
 *    transaction id, a unit id) becomes a capture the reply puts back.
 * 4. Where the response still differs in a way no copy explains, the group
 *    is split by the request byte (or two adjacent bytes, or all differing
 *    bytes) that decides it, such as a register address. Where even the
 *    same request got different responses, the first one is used.
 * 5. Rules are ordered most specific first (most literal bytes), and every
 *    recorded request is replayed against them: one the rules would answer
 *    differently from its first recorded answer gets an exact rule of its
 *    own in front.
 */

export interface ConversationMessage {
  dir: 'rx' | 'tx';
  data: Uint8Array;
}

export interface InferOptions {
  requestDir?: 'rx' | 'tx';
  /** Rule ids are this plus a number. */
  idPrefix?: string;
}

export interface InferResult {
  rules: AutoReplyRule[];
  /** Requests that had a response (the rest are not in any rule). */
  pairs: number;
  /** Requests longer than MAX_INFERRED_BYTES, left out. */
  tooLong: number;
}

/** A hex pattern of a longer request would not fit a rule's match field. */
export const MAX_INFERRED_BYTES = 16 * 1024;

interface Member {
  request: Uint8Array;
  response: Uint8Array;
  body: Uint8Array;
  replyBody: Uint8Array;
  order: number;
}

type ReplyPart = { byte: number } | { capture: number };

interface Draft {
  /** Per request byte: its value, or null for `??`. */
  pattern: Array<number | null>;
  reply: ReplyPart[];
  order: number;
}

export function inferRules(
  messages: ConversationMessage[],
  options: InferOptions = {},
): InferResult {
  const requestDir = options.requestDir ?? messages[0]?.dir ?? 'rx';
  const raw: Array<{ request: Uint8Array; parts: Uint8Array[] }> = [];
  for (const m of messages) {
    if (m.data.length === 0) continue;
    if (m.dir === requestDir) raw.push({ request: m.data, parts: [] });
    else raw[raw.length - 1]?.parts.push(m.data);
  }
  const answered = raw.filter((p) => p.parts.length > 0);
  const pairs = answered.filter((p) => p.request.length <= MAX_INFERRED_BYTES);
  const requestSum = detectTrailingChecksum(pairs.map((p) => p.request));
  const responses = pairs.map((p) => concatBytes(p.parts));
  const replySum = detectTrailingChecksum(responses);

  const groups = new Map<string, Member[]>();
  pairs.forEach((p, order) => {
    const response = responses[order] as Uint8Array;
    const body = p.request.subarray(0, p.request.length - (requestSum?.width ?? 0));
    const replyBody = response.subarray(0, response.length - (replySum?.width ?? 0));
    const key = `${body.length}/${replyBody.length}`;
    const group = groups.get(key) ?? [];
    group.push({ request: p.request, response, body, replyBody, order });
    groups.set(key, group);
  });

  const drafts = [...groups.values()].flatMap((g) => infer(g, requestSum?.width ?? 0));
  const literals = (d: Draft): number => d.pattern.filter((v) => v !== null).length;
  drafts.sort((a, b) => literals(b) - literals(a) || a.order - b.order);
  const prefix = options.idPrefix ?? 'inferred-';
  let next = 1;
  const rules = drafts.map((d) => toRule(d, replySum, `${prefix}${next++}`));
  const exact: AutoReplyRule[] = [];
  const compiled = rules.map((r) => compileRule(r, 'latin1'));
  const checked = new Set<string>();
  pairs.forEach((p, i) => {
    // A request asked again is held to its first answer, as the groups were.
    const key = p.request.join(',');
    if (checked.has(key)) return;
    checked.add(key);
    const response = responses[i] as Uint8Array;
    if (answers(compiled, p.request, response)) return;
    const draft: Draft = {
      pattern: Array.from(p.request),
      reply: Array.from(response, (byte) => ({ byte })),
      order: i,
    };
    const rule = toRule(draft, null, `${prefix}${next++}`);
    exact.push(rule);
    compiled.unshift(compileRule(rule, 'latin1'));
  });
  return {
    rules: [...exact, ...rules],
    pairs: answered.length,
    tooLong: answered.length - pairs.length,
  };
}

function infer(members: Member[], sumWidth: number): Draft[] {
  const first = members[0] as Member;
  const n = first.body.length;
  const m = first.replyBody.length;
  const same = (get: (x: Member) => number | undefined): boolean =>
    members.every((x) => get(x) === get(first));
  const varying = range(n).filter((i) => !same((x) => x.body[i]));
  const varies = new Set(varying);
  const pattern: Draft['pattern'] = [
    ...range(n).map((i) => (varies.has(i) ? null : (first.body[i] as number))),
    ...range(sumWidth).map(() => null),
  ];
  // Each run of `??` is one capture, numbered in order, as the matcher numbers them.
  const runs = nullRuns(pattern);
  const copied = runs.filter(
    (r) =>
      r.end <= m &&
      members.every((x) =>
        sameBytes(x.replyBody.subarray(r.start, r.end), x.request.subarray(r.start, r.end)),
      ),
  );
  const copiedAt = (j: number) => copied.find((r) => j >= r.start && j < r.end);
  const unexplained = range(m).filter((j) => !same((x) => x.replyBody[j]) && !copiedAt(j));
  const deciding = varying.filter((i) => !copiedAt(i));
  if (unexplained.length > 0 && deciding.length > 0) {
    const split = chooseSplit(members, deciding, unexplained);
    return groupBy(members, split).flatMap((g) => infer(g, sumWidth));
  }
  const reply: ReplyPart[] = [];
  for (let j = 0; j < m; j++) {
    const run = copiedAt(j);
    if (run) {
      reply.push({ capture: runs.indexOf(run) + 1 });
      j = run.end - 1;
    } else reply.push({ byte: first.replyBody[j] as number });
  }
  return [{ pattern, reply, order: first.order }];
}

/**
 * The fewest request positions whose values decide every unexplained
 * response byte. Where one request got several answers only its first
 * counts, as it will in the rule.
 */
function chooseSplit(members: Member[], deciding: number[], unexplained: number[]): number[] {
  const firsts = groupBy(members, deciding).map((g) => g[0] as Member);
  const pairs = deciding.filter((p) => deciding.includes(p + 1)).map((p) => [p, p + 1]);
  for (const split of [...deciding.map((p) => [p]), ...pairs]) {
    const decided = groupBy(firsts, split).every((g) =>
      unexplained.every((j) => g.every((x) => x.replyBody[j] === (g[0] as Member).replyBody[j])),
    );
    if (decided) return split;
  }
  return deciding;
}

function groupBy(members: Member[], positions: number[]): Member[][] {
  const groups = new Map<string, Member[]>();
  for (const x of members) {
    const key = positions.map((p) => x.body[p]).join(',');
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  return [...groups.values()];
}

function nullRuns(pattern: Draft['pattern']): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== null) continue;
    const start = i;
    while (i + 1 < pattern.length && pattern[i + 1] === null) i++;
    runs.push({ start, end: i + 1 });
  }
  return runs;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const hex = (b: number): string => b.toString(16).toUpperCase().padStart(2, '0');

function toRule(d: Draft, replySum: TrailingChecksum | null, id: string): AutoReplyRule {
  const source = d.reply.map((p) => ('byte' in p ? hex(p.byte) : `{{$${p.capture}}}`)).join(' ');
  return {
    id,
    name: '',
    enabled: true,
    matchAs: 'hex',
    match: d.pattern.map((v) => (v === null ? '??' : hex(v))).join(' '),
    flags: '',
    reply: { ...DEFAULT_PAYLOAD_SPEC, mode: 'hex', source, checksum: checksumOption(replySum) },
    delayMs: 0,
    once: false,
  };
}

/** Whether the first rule matching `request` replies with exactly `response`. */
function answers(rules: CompiledRule[], request: Uint8Array, response: Uint8Array): boolean {
  for (const compiled of rules) {
    if (!compiled.ok) continue;
    const captures = compiled.match(request);
    if (!captures) continue;
    const reply = composeWithCaptures(compiled.rule.reply, captures);
    return reply.ok && sameBytes(reply.bytes, response);
  }
  return false;
}
