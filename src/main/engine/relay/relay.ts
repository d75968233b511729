import net from 'node:net';
import {
  NO_DISTURBANCE,
  type CertificateSummary,
  type Disturbance,
  type EndpointInfo,
  type RelayDirection,
  type RelayEndpointInfo,
  type RelaySpec,
} from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import { Endpoint, type SendResult } from '../endpoint';
import { startInSlices } from '../send-slices';
import { RelayConversation } from './relay-conversation';
import { UdpRelay } from './relay-udp';
import { EndpointError, messageOf } from '../system-errors';
import { AcceptGuard } from '../tcp/accept-guard';
import { listenOn } from '../tcp/connection-listener';
import { isOutOfDescriptors } from '../tcp/descriptor-budget';
import { describeTlsError } from '../tls/tls-errors';
import { createTlsListener, dropHandshakes } from '../tls/tls-listener';
import { serverMaterial } from '../tls/tls-material';

/** 'rx' in the log is what the device sent, 'tx' what the server sent. */
export function logDirection(direction: RelayDirection): 'rx' | 'tx' {
  return direction === 'device-to-server' ? 'rx' : 'tx';
}

/**
 * A relay between a device and its server. Every accepted connection (or,
 * for UDP, every source address) gets its own conversation toward the
 * target; both directions land in this endpoint's log as one peer.
 */
export class RelayEndpoint extends Endpoint<RelaySpec> {
  private server: net.Server | null = null;
  private guard: AcceptGuard | null = null;
  private udp: UdpRelay | null = null;
  /** In TLS mode, the certificate devices are shown. */
  private ownCertificate: CertificateSummary | null = null;
  private readonly conversations = new Map<string, RelayConversation>();
  readonly disturbances: Record<RelayDirection, Disturbance> = {
    'device-to-server': { ...NO_DISTURBANCE },
    'server-to-device': { ...NO_DISTURBANCE },
  };
  readonly dropped: Record<RelayDirection, number> = {
    'device-to-server': 0,
    'server-to-device': 0,
  };

  async open(): Promise<void> {
    const { host, mode } = this.spec;
    if (mode === 'udp') {
      const udp = new UdpRelay(this.spec, this.ctx, {
        data: (peer, direction, data) => this.record(peer, logDirection(direction), data),
        dropped: (direction, n) => {
          this.dropped[direction] += n;
          this.ctx.sink.changed(this.id);
        },
        joined: (peer) => this.peerJoined(peer),
        peerChanged: (peer) => this.peerChanged(peer),
        left: (peer) => this.peerLeft(peer),
        notice: (level, message) => this.notice(level, message),
        disturbance: (direction) => this.disturbances[direction],
      });
      try {
        this.local = await udp.open(this.portToBind());
      } catch (err) {
        this.setState('failed', messageOf(err));
        throw err;
      }
      this.udp = udp;
      this.setState('listening', this.listeningMessage());
      return;
    }
    let server: net.Server;
    try {
      server = await this.createServer();
    } catch (err) {
      this.setState('failed', messageOf(err));
      throw err instanceof EndpointError ? err : new EndpointError(messageOf(err));
    }
    this.server = server;
    let address: net.AddressInfo;
    try {
      address = await listenOn(server, { host, port: this.portToBind() });
    } catch (err) {
      this.server = null;
      this.setState('failed', messageOf(err));
      throw err;
    }
    this.local = { address: address.address, port: address.port };
    const where = formatHostPort(address.address, address.port);
    this.guard = new AcceptGuard(server, this.ctx.descriptors, {
      notice: (level, message) => this.notice(level, message),
      changed: () => this.ctx.sink.changed(this.id),
      where: () => where,
    });
    server.on('error', (err) => {
      if (isOutOfDescriptors(err)) this.guard?.acceptFailed();
      else this.notice('error', msg('socket.listener-error', { detail: err.message }));
    });
    this.setState('listening', this.listeningMessage());
  }

  private async createServer(): Promise<net.Server> {
    const accept = (socket: net.Socket): void => this.accept(socket);
    if (this.spec.mode === 'tcp') {
      return net.createServer({ allowHalfOpen: true, noDelay: true }, accept);
    }
    const material = await serverMaterial(
      this.spec.certificate ?? { source: 'self-signed', names: ['localhost'] },
      this.ctx,
    );
    this.ownCertificate = material.ownCertificate;
    return createTlsListener(material.options, accept, (err, _socket, { host, port }) => {
      this.notice(
        'warning',
        describeTlsError(err, { host, port, serverName: host, action: 'accept' }),
      );
    });
  }

  private listeningMessage(): MessageRef {
    const { address, port } = this.local ?? { address: this.spec.host, port: this.spec.port };
    const local = formatHostPort(address, port);
    const target = formatHostPort(this.spec.targetHost, this.spec.targetPort);
    const code = {
      tcp: 'state.relaying-tcp',
      tls: 'state.relaying-tls',
      udp: 'state.relaying-udp',
    } as const;
    return msg(code[this.spec.mode], { local, target });
  }

  private accept(socket: net.Socket): void {
    const conv = new RelayConversation(
      this.ctx.nextPeerId(),
      socket,
      this.ctx.clock(),
      { host: this.spec.targetHost, port: this.spec.targetPort, timeoutMs: this.spec.timeoutMs },
      {
        data: (c, direction, data) => this.record(c.peer, logDirection(direction), data),
        changed: (c) => this.peerChanged(c.peer),
        notice: (level, message) => this.notice(level, message),
        closed: (c) => {
          this.conversations.delete(c.peer.id);
          this.peerLeft(c.peer);
        },
        disturbance: (direction) => this.disturbances[direction],
      },
    );
    this.conversations.set(conv.peer.id, conv);
    this.peerJoined(conv.peer);
  }

  /** Changes one direction's disturbance for every conversation, at once. */
  setDisturbance(direction: RelayDirection, change: Partial<Disturbance>): RelayEndpointInfo {
    if (this.spec.mode !== 'udp' && (change.dropPercent ?? 0) > 0) {
      throw new EndpointError(msg('relay.cannot-drop-tcp', {}), 'wrong-state');
    }
    if (this.spec.mode === 'udp' && change.stall) {
      throw new EndpointError(msg('relay.cannot-stall-udp', {}), 'wrong-state');
    }
    Object.assign(this.disturbances[direction], change);
    for (const conv of this.conversations.values()) conv.poke();
    this.ctx.sink.changed(this.id);
    return this.relayInfo();
  }

  inject(peerId: string, direction: RelayDirection, data: Uint8Array): number {
    if (this.udp) return this.udp.inject(peerId, direction, Buffer.from(data));
    this.conversation(peerId).inject(direction, Buffer.from(data));
    return data.byteLength;
  }

  action(peerId: string, direction: RelayDirection, action: 'half-close' | 'reset'): boolean {
    if (this.udp) {
      throw new EndpointError(msg('relay.udp-no-connection', {}), 'wrong-state');
    }
    const conv = this.conversation(peerId);
    return action === 'reset' ? conv.reset(direction) : conv.halfClose(direction);
  }

  private conversation(peerId: string): RelayConversation {
    const conv = this.conversations.get(peerId);
    if (!conv) {
      throw new EndpointError(msg('relay.conversation-not-open', { peer: peerId }), 'not-found');
    }
    return conv;
  }

  relayInfo(): RelayEndpointInfo {
    return {
      target: formatHostPort(this.spec.targetHost, this.spec.targetPort),
      disturbances: {
        'device-to-server': { ...this.disturbances['device-to-server'] },
        'server-to-device': { ...this.disturbances['server-to-device'] },
      },
      dropped: { ...this.dropped },
      ...(this.udp ? { udp: this.udp.stats() } : {}),
    };
  }

  override info(): EndpointInfo {
    const tlsInfo =
      this.spec.mode === 'tls'
        ? { tls: { verificationOff: false, ownCertificate: this.ownCertificate } }
        : {};
    const refused = this.guard ? { refused: this.guard.refused } : {};
    return { ...super.info(), ...tlsInfo, ...refused, relay: this.relayInfo() };
  }

  /** The send box of a relay talks to the device, as if the server had sent it. */
  async send(peerId: string | undefined, data: Uint8Array): Promise<SendResult> {
    const ids = peerId && peerId !== 'all' ? [peerId] : this.peers().map((p) => p.id);
    if (ids.length === 0) throw new EndpointError(msg('relay.no-device', {}), 'wrong-state');
    // A slice of devices per turn of the event loop: thousands must not stall it.
    // A device that left while earlier slices went is skipped (a named one is an error).
    const { outcomes } = await startInSlices(ids, async (id) =>
      this.roster.has(id) || id === peerId ? this.inject(id, 'server-to-device', data) : null,
    );
    const reached = outcomes.filter((n) => n !== null);
    return { bytes: reached.reduce((a, b) => a + b, 0), peers: reached.length };
  }

  disconnect(peerId: string): boolean {
    if (this.udp) return this.udp.forget(peerId);
    const conv = this.conversations.get(peerId);
    if (!conv) return false;
    conv.destroy();
    return true;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.guard?.dispose();
    for (const conv of this.conversations.values()) conv.destroy();
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      dropHandshakes(server); // TLS mode: close() would wait for each until its timeout
      await closed;
    }
    if (this.udp) await this.udp.close();
    this.udp = null;
    this.setState('closed', msg('state.stopped-relaying', {}));
  }
}
