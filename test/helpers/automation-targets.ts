import net from 'node:net';
import type { ReplyTarget, StreamTarget } from '../../src/main/engine/automation/automation-target';
import {
  RuleResponder,
  type RuleResponderOptions,
} from '../../src/main/engine/automation/rule-responder';
import { createMicroClock } from '../../src/main/engine/clock';

/**
 * Thin adapters from a plain net.Socket to automation's target interfaces,
 * so automation is tested on real loopback sockets without the engine. The
 * engine wires the same interfaces to its endpoints.
 */

function write(socket: net.Socket, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}

/** One connected socket as a sequence's or a periodic sender's target. */
export function socketTarget(socket: net.Socket): StreamTarget {
  const closed = new AbortController();
  // The peer's FIN is when the connection goes away for automation (Node then ends our side).
  socket.once('end', () => closed.abort('the peer closed the connection'));
  socket.once('close', () => closed.abort('the connection closed'));
  socket.on('error', () => undefined);
  return {
    send: (bytes) => write(socket, bytes),
    closed: closed.signal,
    onData(listener) {
      const onData = (d: Buffer): void => listener(new Uint8Array(d));
      socket.on('data', onData);
      return () => socket.off('data', onData);
    },
  };
}

/** A TCP listener on loopback whose every accepted peer is answered by one RuleResponder. */
export async function listenWithRules(
  options: Omit<RuleResponderOptions, 'target'>,
): Promise<{ port: number; responder: RuleResponder; replies: string[]; close(): Promise<void> }> {
  const peers = new Map<string, net.Socket>();
  const closed = new AbortController();
  const replies: string[] = [];
  const target: ReplyTarget = {
    reply: (peerId, bytes, ruleId) => {
      replies.push(ruleId);
      const socket = peers.get(peerId);
      return socket ? write(socket, bytes) : Promise.reject(new Error(`no peer ${peerId}`));
    },
    closed: closed.signal,
  };
  const responder = new RuleResponder({ ...options, target });
  const clock = createMicroClock();
  let seq = 0;
  let nextPeer = 1;
  const server = net.createServer((socket) => {
    const peerId = `p${nextPeer++}`;
    peers.set(peerId, socket);
    socket.on('error', () => undefined);
    socket.on('close', () => peers.delete(peerId));
    socket.on('data', (d: Buffer) =>
      responder.receive({
        seq: seq++,
        endpointId: 'test',
        peerId,
        dir: 'rx',
        time: clock(),
        data: new Uint8Array(d),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    responder,
    replies,
    close: async () => {
      closed.abort('the listener closed');
      for (const s of peers.values()) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback listener that hands over the first socket it accepts. */
export async function acceptOne(): Promise<{
  port: number;
  accepted: Promise<net.Socket>;
  close(): Promise<void>;
}> {
  const sockets: net.Socket[] = [];
  let resolveAccepted: (s: net.Socket) => void = () => undefined;
  const accepted = new Promise<net.Socket>((resolve) => (resolveAccepted = resolve));
  const server = net.createServer((socket) => {
    sockets.push(socket);
    resolveAccepted(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
