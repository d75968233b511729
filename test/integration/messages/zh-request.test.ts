import { afterAll, beforeAll, describe } from 'vitest';
import { createBackend } from '../../../src/main/core/backend';
import { Router } from '../../../src/main/core/router';
import { PayloadFileRegistry } from '../../../src/main/payload/file-registry';
import type { EndpointInfo, MessageRef } from '../../../src/shared/contract';
import { createInMemoryApi, type InMemoryApi } from '../../helpers/in-memory-api';
import { startHarness, type Harness } from '../../helpers/backend-harness';
import { connectPeer } from '../../helpers/node-peers';
import { eventually } from '../../helpers/peers';
import { provokes, refusedWith } from '../../helpers/provoke';
import { must } from '../../helpers/result';

/**
 * What the router, the shared parsers and the contract's own checks say,
 * provoked through the real router (over the wire the transports carry)
 * and said with the UI in 简体中文: requests that do not parse, payloads
 * that do not compose, framings that do not frame, fields that are not
 * what they must be. The wire's own refusals are said in Chinese in
 * browser-server.test.ts, over a real WebSocket.
 */
let h: Harness;
let server: EndpointInfo;
beforeAll(async () => {
  h = startHarness();
  server = await must(
    h.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
  );
});
afterAll(() => h.close());

const raw = (op: string, payload: unknown) => refusedWith(h.raw(op, payload));

/** The first issue of a payload as the editor's preview gets it from main. */
async function previewIssue(spec: Record<string, unknown>): Promise<MessageRef | undefined> {
  const r = await must(h.api.previewPayload({ spec: spec as never }));
  return r.ok ? undefined : r.issues[0]?.message;
}
const hex = (source: string) => previewIssue({ mode: 'hex', source });
const text = (source: string, extra: Record<string, unknown> = {}) =>
  previewIssue({ mode: 'text', source, ...extra });

describe('requests', () => {
  provokes('request.unknown-operation', () => raw('formatDisk', {}));
  provokes('request.invalid', () => raw('openEndpoint', { spec: { kind: 'tcp-server' } }));
  provokes('request.invalid-more', () =>
    raw('openEndpoint', { spec: { kind: 'tcp-server', host: 5, port: 'x', backlog: 'y', a: 1 } }),
  );
  provokes('request.starting', async () => {
    // A router no engine is attached to yet: the app is still starting.
    const router = new Router({ version: 't', mode: 'browser' });
    const r = await router.handle('listEndpoints', {});
    return r.ok ? null : r.error.message;
  });
  provokes('notices.dropped', async () => {
    // A window that acknowledges nothing, while more notices come than a batcher keeps.
    let bridge: InMemoryApi | null = null;
    try {
      bridge = createInMemoryApi({
        autoAck: false,
        batcher: {
          intervalMs: 5,
          maxInflight: 1,
          maxPendingBytes: 1 << 20,
          maxBatchBytes: 1 << 20,
          maxBatchChunks: 4096,
          maxPendingEvents: 4,
          maxPeersPerBatch: 1000,
        },
      });
      const listener = await must(
        bridge.api.openEndpoint({ spec: { kind: 'tcp-server', host: '127.0.0.1', port: 0 } }),
      );
      await eventually(() => bridge!.events.length > 0, 'the first batch');
      const peers = [];
      for (let i = 0; i < 12; i++) {
        const peer = await connectPeer(listener.local!.port);
        peer.socket.end();
        peers.push(peer);
      }
      await eventually(
        () =>
          bridge!.backend.engine
            .get(listener.id)
            .peers()
            .filter((p) => p.state === 'half-closed').length === 12,
        'twelve FINs',
      );
      await bridge.api.ackEvents({ seq: 1 });
      const said = await eventually(
        () =>
          bridge!.events.find((e) => e.type === 'notice' && e.message.code === 'notices.dropped'),
        'the dropped notices counted',
      );
      peers.forEach((p) => p.socket.destroy());
      return said.type === 'notice' ? said.message : null;
    } finally {
      await bridge?.close();
    }
  });
});

describe('payloads the editor or Send refuse', () => {
  provokes('payload.hex-odd', () => hex('01 0'));
  provokes('payload.hex-0x-one-digit', () => hex('0x1, 0x2'));
  provokes('payload.hex-bad-digit', () => hex('0G'));
  provokes('payload.lone-backslash', () => text('abc\\'));
  provokes('payload.x-needs-two', () => text('\\x4'));
  provokes('payload.unknown-escape', () => text('\\q'));
  provokes('payload.beyond-unicode', () => text('\\u{110000}'));
  provokes('payload.surrogate-escape', () => text('\\u{D800}'));
  provokes('payload.u-needs-digits', () => text('\\u{}'));
  provokes('payload.placeholder-unclosed', () => hex('01 {{counter'));
  provokes('payload.counter-args', () => hex('{{counter:1:2:3}}'));
  provokes('payload.counter-width', () => hex('{{counter:0}}'));
  provokes('payload.counter-base', () => hex('{{counter:4:37}}'));
  provokes('payload.timestamp-format', () => hex('{{timestamp:year}}'));
  provokes('payload.random-length', () => hex('{{random:0}}'));
  provokes('payload.file-id', () => hex('{{file:../x}}'));
  provokes('payload.unknown-placeholder', () => hex('{{foo}}'));
  // Main holds no file by that id (the app restarted since it was chosen).
  provokes('payload.file-not-loaded', async () => {
    const b = createBackend({
      version: 't',
      mode: 'browser',
      payloadFiles: new PayloadFileRegistry(),
    });
    try {
      const r = await b.router.handle('previewPayload', {
        spec: { mode: 'hex', source: '{{file:fnobody}}' },
      });
      const preview = r.ok
        ? (r.value as { ok: boolean; issues?: Array<{ message: MessageRef }> })
        : null;
      return preview?.issues?.[0]?.message;
    } finally {
      await b.dispose();
    }
  });
  provokes('payload.lone-surrogate', () => text('a\ud800b'));
  provokes('payload.not-ascii', () => text('é', { encoding: 'ascii' }));
  provokes('payload.not-latin1', () => text('€', { encoding: 'latin1' }));
  provokes('payload.not-gbk', () => text('😀', { encoding: 'gbk' }));
  provokes('payload.checksum-range', () =>
    previewIssue({ mode: 'hex', source: '01 02', checksum: { id: 'xor', from: 0, to: 5 } }),
  );
  provokes('payload.checksum-range-to-end', () =>
    previewIssue({ mode: 'hex', source: '01 02', checksum: { id: 'xor', from: 5 } }),
  );
  provokes('payload.too-big', () => hex('{{random:65536}}'.repeat(1025)));
});

describe('framings main frames the log by', () => {
  /** A row of the server's log framed by `framing`, with its error: what the Messages view shows. */
  async function framedError(bytes: string, framing: Record<string, unknown>) {
    const peer = await connectPeer(server.local!.port);
    peer.socket.write(Buffer.from(bytes, 'latin1'));
    await eventually(
      () => h.info(server.id).peers.some((p) => p.counters.rxBytes === bytes.length),
      'the bytes logged',
    );
    // The framed view catches up in slices: read until the row with the error is there.
    const error = await eventually(async () => {
      const page = await must(
        h.api.logRows({
          endpointId: server.id,
          framing: framing as never,
          anchor: { position: 0 },
          count: 1000,
        }),
      );
      return page.rows.find((r) => r.error)?.error;
    }, 'a framed row with an error');
    peer.socket.destroy();
    return error;
  }
  provokes('frame.no-delimiter', () =>
    framedError('abcdefghij', { mode: 'delimiter', delimiter: '\\n', maxFrameBytes: 4 }),
  );
  provokes('frame.no-idle-gap', () =>
    framedError('klmnopqrst', { mode: 'idle', gapMs: 60_000, maxFrameBytes: 4 }),
  );
  provokes('frame.length-over-limit', () =>
    framedError('\xff\xff\x00\x01a', { mode: 'length-prefix', size: 2, maxFrameBytes: 100 }),
  );
  provokes('frame.length-under-header', () =>
    framedError('\x00\x01\x00\x03z', {
      mode: 'length-prefix',
      size: 2,
      includesHeader: true,
      maxFrameBytes: 100,
    }),
  );
  const framing = (spec: Record<string, unknown>) =>
    raw('logRows', { endpointId: server.id, framing: spec, anchor: { tail: true } });
  provokes('delimiter.lone-backslash', () => framing({ mode: 'delimiter', delimiter: 'ab\\' }));
  provokes('delimiter.x-digits', () => framing({ mode: 'delimiter', delimiter: '\\x4' }));
  provokes('delimiter.unknown-escape', () => framing({ mode: 'delimiter', delimiter: '\\q' }));
  provokes('delimiter.empty', () => framing({ mode: 'delimiter', delimiter: '' }));
  provokes('delimiter.too-long', () =>
    framing({ mode: 'delimiter', delimiter: '00'.repeat(65), delimiterFormat: 'hex' }),
  );
  provokes('hex.bad-digit', () =>
    framing({ mode: 'delimiter', delimiter: '7G', delimiterFormat: 'hex' }),
  );
  provokes('hex.odd-digits', () =>
    framing({ mode: 'delimiter', delimiter: '7E0', delimiterFormat: 'hex' }),
  );
  provokes('framing.max-frame-bytes', () => framing({ mode: 'idle', gapMs: 5, maxFrameBytes: 0 }));
  provokes('framing.frame-length', () => framing({ mode: 'fixed', length: 0 }));
  provokes('framing.idle-gap', () => framing({ mode: 'idle', gapMs: 0 }));
});

describe("the contract's own checks", () => {
  const open = (spec: Record<string, unknown>) => raw('openEndpoint', { spec });
  provokes('address.host-empty', () => open({ kind: 'tcp-server', host: '', port: 0 }));
  provokes('address.host-spaces', () => open({ kind: 'tcp-server', host: ' 127.0.0.1', port: 0 }));
  provokes('address.host-invalid', () => open({ kind: 'tcp-server', host: 'bad host!', port: 0 }));
  provokes('field.port-above-zero', () => open({ kind: 'tcp-client', host: '127.0.0.1', port: 0 }));
  provokes('field.id-characters', () => raw('closeEndpoint', { endpointId: '../../etc' }));
  provokes('field.not-bytes', () => raw('send', { endpointId: 'e1', data: [1, 2, 3] }));
  provokes('field.bytes-too-big', () =>
    raw('send', { endpointId: 'e1', data: new Uint8Array(64 * 1024 * 1024 + 1) }),
  );
  provokes('field.certificate-file-too-big', () =>
    raw('uploadFile', { name: 'ca.pem', data: new Uint8Array(1024 * 1024 + 1) }),
  );
  provokes('field.multicast-group', () =>
    raw('joinGroup', { endpointId: 'e1', group: '10.1.2.3' }),
  );
  provokes('field.interface-characters', () =>
    raw('joinGroup', { endpointId: 'e1', group: '239.1.1.1', iface: 'eth 0' }),
  );
  provokes('field.certificate-name-characters', () =>
    open({
      kind: 'tls-server',
      host: '127.0.0.1',
      port: 0,
      certificate: { source: 'self-signed', names: ['bad name!'] },
    }),
  );
  provokes('field.selection-backwards', () =>
    raw('exportLog', { endpointId: 'e1', format: 'text', fromSeq: 5, toSeq: 1 }),
  );
});
