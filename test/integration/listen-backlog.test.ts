import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LISTEN_BACKLOG } from '../../src/shared/contract';
import { createInMemoryApi, type InMemoryApi } from '../helpers/in-memory-api';
import { kernelBacklog } from '../helpers/kernel-sockets';
import { must } from '../helpers/result';
import { inEnglish } from '../helpers/english';

/**
 * The listen backlog is an option of TCP and TLS servers, 4096 unless
 * asked otherwise, and the listener says what the system allows. The
 * kernel's own view of a listening socket (`ss -ltn`: Send-Q is the
 * backlog it uses) is the proof that listen() got it.
 */
let bridge: InMemoryApi;
const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8').trim());

beforeEach(() => {
  bridge = createInMemoryApi();
});
afterEach(async () => {
  await bridge.close();
});

describe('listen backlog', () => {
  it('defaults to 4096 (as far as the system allows) and says what the system allows', async () => {
    expect(DEFAULT_LISTEN_BACKLOG).toBe(4096);
    const info = await must(
      bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
    );
    expect(info.listen).toEqual({ backlog: 4096, systemMax: somaxconn });
    expect(kernelBacklog(info.local!.port)).toBe(Math.min(4096, somaxconn));
  });

  it('takes the backlog asked, for TCP and TLS servers alike', async () => {
    const tcp = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0, backlog: 100 },
      }),
    );
    expect(tcp.listen?.backlog).toBe(100);
    expect(kernelBacklog(tcp.local!.port)).toBe(100);
    const tls = await must(
      bridge.api.openEndpoint({
        spec: { kind: 'tls-server', host: '127.0.0.1', port: 0, backlog: 77 },
      }),
    );
    expect(tls.listen?.backlog).toBe(77);
    expect(kernelBacklog(tls.local!.port)).toBe(77);
  });

  it('refuses a backlog outside 1–65535, naming the field', async () => {
    const r = await bridge.api.openEndpoint({
      spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0, backlog: 0 },
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(r.ok ? null : inEnglish(r.error.message)).toContain(
      'spec.backlog: Too small: expected number to be >=1',
    );
  });
});
