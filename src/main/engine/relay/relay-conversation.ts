import net from 'node:net';
import type { Disturbance, RelayDirection } from '../../../shared/contract';
import { msg, type MessageRef } from '../../../shared/messages/catalogue';
import { formatHostPort, unbracket } from '../../../shared/net/address';
import { connectedPeer, type PeerRecord } from '../endpoint';
import { describeSocketError } from '../system-errors';
import { RelayPipe, resetSocket } from './relay-pipe';

export interface ConversationHooks {
  /** Bytes entering the relay in one direction (logged before any disturbance). */
  data(conv: RelayConversation, direction: RelayDirection, data: Buffer): void;
  changed(conv: RelayConversation): void;
  notice(level: 'info' | 'warning', message: MessageRef): void;
  closed(conv: RelayConversation): void;
  disturbance(direction: RelayDirection): Disturbance;
}

export interface Target {
  host: string;
  port: number;
  timeoutMs: number;
}

/**
 * One device's connection and the relay's own connection to the server,
 * joined by two pipes. Orderly closes (FIN) pass through as FIN, resets as
 * resets, so the device sees what the server did and vice versa.
 */
export class RelayConversation {
  readonly peer: PeerRecord;
  private upstream: net.Socket | null = null;
  private readonly toServer: RelayPipe;
  private readonly toDevice: RelayPipe | null = null;
  private closedSides = 0;

  constructor(
    id: string,
    private readonly device: net.Socket,
    since: number,
    private readonly target: Target,
    private readonly hooks: ConversationHooks,
  ) {
    this.peer = {
      ...connectedPeer(id, device, since),
      relay: { upstream: null, upstreamState: 'connecting' },
    };
    device.setNoDelay(true);
    this.toServer = new RelayPipe(device, () => hooks.disturbance('device-to-server'));
    device.on('data', (data: Buffer) => {
      hooks.data(this, 'device-to-server', data);
      this.toServer.push(data);
    });
    device.on('end', () => {
      this.peer.state = 'half-closed';
      this.toServer.finish();
      hooks.changed(this);
    });
    device.on('error', (err) => this.failed('device', err));
    device.on('close', (hadError) => this.sideClosed('device', hadError));
    const upstream = net.connect({
      host: unbracket(target.host),
      port: target.port,
      allowHalfOpen: true,
      noDelay: true,
    });
    this.upstream = upstream;
    this.toDevice = new RelayPipe(upstream, () => hooks.disturbance('server-to-device'));
    const timer = setTimeout(() => {
      upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    }, target.timeoutMs);
    upstream.once('connect', () => {
      clearTimeout(timer);
      upstream.setNoDelay(true);
      this.setUpstream('connected', {
        address: upstream.localAddress ?? '?',
        port: upstream.localPort ?? 0,
      });
      this.toServer.attach(upstream);
      this.toDevice?.attach(device);
    });
    upstream.on('data', (data: Buffer) => {
      hooks.data(this, 'server-to-device', data);
      this.toDevice?.push(data);
    });
    upstream.on('end', () => {
      this.setUpstream('half-closed');
      this.toDevice?.finish();
    });
    upstream.on('error', (err) => {
      clearTimeout(timer);
      this.failed('server', err);
    });
    upstream.on('close', (hadError) => this.sideClosed('server', hadError));
  }

  private setUpstream(
    state: NonNullable<PeerRecord['relay']>['upstreamState'],
    upstream?: { address: string; port: number },
  ): void {
    const relay = this.peer.relay ?? { upstream: null, upstreamState: state };
    this.peer.relay = { upstream: upstream ?? relay.upstream, upstreamState: state };
    this.hooks.changed(this);
  }

  private failed(side: 'device' | 'server', err: Error): void {
    const where =
      side === 'server'
        ? { host: this.target.host, port: this.target.port }
        : { host: this.peer.address, port: this.peer.port };
    const action = side === 'server' && this.peer.relay?.upstreamState === 'connecting';
    const reason = describeSocketError(err, {
      action: action ? 'connect' : 'receive',
      ...where,
      timeoutMs: this.target.timeoutMs,
    });
    if (side === 'server' && action) this.setUpstream('failed');
    this.hooks.notice('warning', msg('relay.conversation-failed', { route: this.label(), reason }));
  }

  /** A side went away: a reset passes on as a reset; otherwise what is queued still goes. */
  private sideClosed(side: 'device' | 'server', hadError: boolean): void {
    const other = side === 'device' ? this.upstream : this.device;
    if (side === 'device') this.peer.state = 'closed';
    else if (this.peer.relay?.upstreamState !== 'failed') this.setUpstream('closed');
    if (hadError || (side === 'server' && this.peer.relay?.upstreamState === 'failed')) {
      if (other && !other.destroyed) {
        if (side === 'server' && this.peer.relay?.upstreamState === 'failed') other.destroy();
        else resetSocket(other);
      }
    } else if (side === 'device') {
      this.toServer.finish();
    } else {
      this.toDevice?.finish();
    }
    this.hooks.changed(this);
    if (++this.closedSides === 2) this.hooks.closed(this);
  }

  /** The pipe that carries `direction`. */
  pipe(direction: RelayDirection): RelayPipe | null {
    return direction === 'device-to-server' ? this.toServer : this.toDevice;
  }

  /** The socket that receives `direction`. */
  receiver(direction: RelayDirection): net.Socket | null {
    return direction === 'device-to-server' ? this.upstream : this.device;
  }

  /** Bytes neither side wrote, sent through the same queue (so after what is waiting). */
  inject(direction: RelayDirection, data: Buffer): void {
    this.hooks.data(this, direction, data);
    this.pipe(direction)?.push(data);
  }

  /** A FIN toward the receiving side of `direction`, after what is queued. */
  halfClose(direction: RelayDirection): boolean {
    const pipe = this.pipe(direction);
    if (!pipe) return false;
    pipe.finish();
    return true;
  }

  /** An RST toward the receiving side of `direction`; the other side is closed in order. */
  reset(direction: RelayDirection): boolean {
    const socket = this.receiver(direction);
    if (!socket || socket.destroyed) return false;
    this.pipe(direction)?.clear();
    resetSocket(socket);
    return true;
  }

  /** Every setting may have changed: let both pipes look again. */
  poke(): void {
    this.toServer.poke();
    this.toDevice?.poke();
  }

  get open(): boolean {
    return !this.device.destroyed;
  }

  destroy(): void {
    this.toServer.clear();
    this.toDevice?.clear();
    this.device.destroy();
    this.upstream?.destroy();
  }

  label(): string {
    return `${formatHostPort(this.peer.address, this.peer.port)} → ${formatHostPort(this.target.host, this.target.port)}`;
  }
}
