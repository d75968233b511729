import { it } from 'vitest';
import type { WirebenchApi } from '../../src/shared/contract/api';
import type { Result } from '../../src/shared/contract/result';
import {
  isMessageCode,
  type MessageCode,
  type MessageRef,
} from '../../src/shared/messages/catalogue';
import { expectChinese } from './chinese';
import { eventually } from './peers';

/**
 * One code of the catalogue, provoked for real (real sockets, real peers,
 * real files) and said with the UI in 简体中文: `how` makes the system say
 * it and returns what was said. test/unit/messages/provocation-coverage
 * reads these calls to prove every code is provoked or listed as not.
 */
export function provokes(
  code: MessageCode,
  how: () => Promise<MessageRef | null | undefined>,
  timeoutMs = 30_000,
): void {
  it(
    `${code} is said in Chinese with its values`,
    async () => {
      const said = expectChinese(await how(), code);
      // SHOW_ZH=1 prints each sentence, for a person to read the Chinese.
      if (process.env.SHOW_ZH) process.stdout.write(`${code} → ${said}\n`);
    },
    timeoutMs,
  );
}

/** The message of a call that must fail. */
export async function refusedWith(call: Promise<Result<unknown>>): Promise<MessageRef> {
  const r = await call;
  if (r.ok) throw new Error(`The call succeeded: ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.error.message;
}

/** Why `api` will not send one byte on `endpointId` (to `peerId`, where one is named). */
export function sendRefusal(
  api: Pick<WirebenchApi, 'send'>,
  endpointId: string,
  peerId?: string,
): Promise<MessageRef> {
  return refusedWith(
    api.send({ endpointId, ...(peerId ? { peerId } : {}), data: Buffer.from('x') }),
  );
}

type Node = { code?: unknown; params?: unknown };

function carries(ref: Node, code: string): boolean {
  if (ref.code === code) return true;
  return Object.values((ref.params ?? {}) as Record<string, unknown>).some((v) =>
    Array.isArray(v)
      ? v.some(
          (i) =>
            typeof i === 'object' &&
            i !== null &&
            'message' in i &&
            carries(i.message as Node, code),
        )
      : isRef(v) && carries(v, code),
  );
}

function isRef(v: unknown): v is Node {
  return (
    typeof v === 'object' &&
    v !== null &&
    isMessageCode((v as Node).code) &&
    typeof (v as Node).params === 'object'
  );
}

/** The first message in `value` (at any depth: an event, an endpoint, a session) that carries `code`. */
export function findMessage(value: unknown, code: MessageCode): MessageRef | null {
  if (isRef(value)) return carries(value, code) ? (value as MessageRef) : null;
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return null;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    const found = findMessage(v, code);
    if (found) return found;
  }
  return null;
}

/** Waits until something main told (`told()`: its events, an endpoint's info) carries `code`. */
export async function toldOf(
  told: () => unknown,
  code: MessageCode,
  ms = 10_000,
): Promise<MessageRef> {
  return eventually(() => findMessage(told(), code), `${code} to be said`, ms);
}
