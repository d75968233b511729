import { problem, type AutomationProblem } from '../../../shared/automation/automation-errors';
import type {
  ChunkOrigin,
  AutomationSnapshot,
  AutoReplyStatus,
  PeriodicStatus,
} from '../../../shared/contract/automation';
import type { Chunk } from '../../../shared/contract/chunk';
import type { WirebenchEvent } from '../../../shared/contract/events';
import { formatHostPort } from '../../../shared/net/address';
import type { TextEncodingName } from '../../../shared/payload/encodings';
import type { Clock } from '../clock';
import type { Endpoint } from '../endpoint';
import { REPLY_LIMITS, type ReplyLimits } from './reply-guard';
import { AutoReply, type AutoReplySettings } from './auto-reply';
import { automationFailure } from './automation-failure';
import type { LoadedFiles } from './compose-context';
import { PeriodicRun, type PeriodicRequest } from './periodic-run';
import { checkScript, type ScriptCheck } from './script-check';
import { SequenceJob } from './sequence-job';
import { StatusBoard, type StatusKind } from './status-board';

/** What automation needs of the engine that owns it. */
export interface AutomationHost {
  /** The endpoint, or a not-found error. */
  get(endpointId: string): Endpoint;
  /** Sends through Send's own path (counted, logged), the chunks tagged with `origin`. */
  send(
    endpointId: string,
    peerId: string | undefined,
    bytes: Uint8Array,
    origin: ChunkOrigin,
  ): Promise<unknown>;
  /** UDP: one datagram to host:port, tagged likewise. */
  sendTo(
    endpointId: string,
    to: { host: string; port: number },
    bytes: Uint8Array,
    origin: ChunkOrigin,
  ): Promise<unknown>;
  event(event: WirebenchEvent): void;
  clock: Clock;
}

/** One connection's automation: at most one of each. */
interface Slot {
  periodic: PeriodicRun | null;
  autoReply: AutoReply | null;
  sequence: SequenceJob | null;
}

const SERVERS = new Set(['tcp-server', 'tls-server']);
const ENDED = new Set(['closed', 'failed']);

/**
 * Automation for every endpoint, owned by the Engine: periodic sends, auto-
 * reply rules and sequences run here, on the engine's sockets and timers,
 * never on a window's. The engine feeds it every recorded chunk and every
 * change of an endpoint; it stops what runs when a connection closes or
 * goes, with the reason, and tells the windows through paced status events.
 */
export class AutomationManager {
  private readonly slots = new Map<string, Slot>();
  /** host:port of the peers runs talk to, noted at the start: a peer that left is no longer listed. */
  private readonly peerNames = new Map<string, string>();
  private readonly board = new StatusBoard((id, kind) => this.emit(id, kind));
  private nextId = 1;

  /**
   * What auto-reply takes for a reply loop. A loop runs as fast as the
   * machine lets it; a loaded machine (a test run on two busy cores) may
   * run one slower than the default, so tests may set a lower limit.
   */
  replyLimits: ReplyLimits = REPLY_LIMITS;

  constructor(private readonly host: AutomationHost) {}

  startPeriodic(
    endpointId: string,
    request: PeriodicRequest & { to?: { host: string; port: number } },
  ): PeriodicStatus {
    const endpoint = this.usable(endpointId, true);
    const slot = this.slot(endpointId);
    slot.periodic?.stop();
    const id = `periodic${this.nextId++}`;
    const origin: ChunkOrigin = { kind: 'periodic', id };
    const { to } = request;
    const send = to
      ? (bytes: Uint8Array) => this.host.sendTo(endpointId, to, bytes, origin)
      : (bytes: Uint8Array) => this.host.send(endpointId, request.peerId, bytes, origin);
    const run = new PeriodicRun(id, request, send, (ended) => {
      if (slot.periodic === run) this.changedStatus(endpointId, 'periodic', ended);
    });
    slot.periodic = run;
    this.notePeer(endpoint, run.peerId);
    run.start();
    this.abortIfGone(endpoint, run.peerId, (why) => run.abort(why));
    return run.status;
  }

  stopPeriodic(endpointId: string): boolean {
    const run = this.slots.get(endpointId)?.periodic;
    if (!run?.running) return false;
    run.stop();
    return true;
  }

  setAutoReply(endpointId: string, settings: AutoReplySettings): AutoReplyStatus {
    this.usable(endpointId, false);
    const slot = this.slot(endpointId);
    const hitsBefore = new Map(slot.autoReply?.status.rules.map((r) => [r.ruleId, r.hits]));
    slot.autoReply?.dispose();
    const origin = (ruleId: string): ChunkOrigin => ({ kind: 'rule', id: ruleId });
    const autoReply = new AutoReply(
      settings,
      (peerId, bytes, ruleId) => this.host.send(endpointId, peerId, bytes, origin(ruleId)),
      (urgent) => {
        if (slot.autoReply === autoReply) this.changedStatus(endpointId, 'auto-reply', urgent);
      },
      this.host.clock,
      hitsBefore,
      this.replyLimits,
    );
    slot.autoReply = autoReply;
    this.board.now(endpointId, 'auto-reply');
    return autoReply.status;
  }

  /** Starts a sequence, or says where its script is wrong (and starts nothing). */
  runSequence(
    endpointId: string,
    request: { peerId?: string; source: string; encoding: TextEncodingName; files: LoadedFiles },
  ): { runId: string | null; problems: ScriptCheck['problems'] } {
    const endpoint = this.usable(endpointId, true);
    const slot = this.slot(endpointId);
    if (slot.sequence?.running) throw automationFailure(problem('sequence-running', {}));
    const checked = checkScript(request.source);
    if (!checked.script) return { runId: null, problems: checked.problems };
    const peerId = this.sequencePeer(endpoint, request.peerId);
    const id = `sequence${this.nextId++}`;
    const origin: ChunkOrigin = { kind: 'sequence', id };
    const job = new SequenceJob(
      id,
      peerId,
      checked.script,
      request.encoding,
      request.files,
      (bytes) => this.host.send(endpointId, peerId, bytes, origin),
      (ended) => {
        if (slot.sequence === job) this.changedStatus(endpointId, 'sequence', ended);
      },
    );
    slot.sequence = job;
    this.notePeer(endpoint, peerId);
    job.start();
    this.board.now(endpointId, 'sequence');
    return { runId: id, problems: checked.problems };
  }

  stopSequence(endpointId: string): boolean {
    const job = this.slots.get(endpointId)?.sequence;
    if (!job?.running) return false;
    job.stop();
    return true;
  }

  /** Everything held, for a window that opens late. */
  snapshot(): AutomationSnapshot[] {
    return [...this.slots].map(([endpointId, s]) => ({
      endpointId,
      periodic: s.periodic?.status ?? null,
      autoReply: s.autoReply
        ? { ...s.autoReply.status, ruleList: s.autoReply.settings.rules }
        : null,
      sequence: s.sequence?.status ?? null,
    }));
  }

  /** Every recorded chunk (the engine's one record path). */
  received(chunk: Chunk): void {
    if (chunk.dir !== 'rx') return;
    const slot = this.slots.get(chunk.endpointId);
    if (!slot) return;
    slot.autoReply?.receive(chunk);
    const job = slot.sequence;
    if (job?.running && (job.peerId === undefined || job.peerId === chunk.peerId))
      job.feed(chunk.data);
  }

  /** A peer left: auto-reply lets go of its partial frame (a UDP flood of ports would keep them). */
  peerLeft(endpointId: string, peerId: string): void {
    this.slots.get(endpointId)?.autoReply?.forget(peerId);
  }

  /** Peers whose partial frames an endpoint's auto-reply holds (tests see it let go). */
  framedPeers(endpointId: string): number {
    return this.slots.get(endpointId)?.autoReply?.framedPeers ?? 0;
  }

  /** An endpoint's state or peers changed: what runs stops if its connection or peer went away. */
  changed(endpointId: string): void {
    const slot = this.slots.get(endpointId);
    if (!slot || !(slot.periodic?.running || slot.sequence?.running)) return;
    let endpoint: Endpoint;
    try {
      endpoint = this.host.get(endpointId);
    } catch {
      return;
    }
    if (slot.periodic?.running) {
      const run = slot.periodic;
      this.abortIfGone(endpoint, run.peerId, (why) => run.abort(why));
    }
    if (slot.sequence?.running) {
      const job = slot.sequence;
      this.abortIfGone(endpoint, job.peerId, (why) => job.abort(why));
    }
  }

  /** The endpoint was removed: everything of it stops, and is forgotten. */
  removed(endpointId: string): void {
    const slot = this.slots.get(endpointId);
    if (!slot) return;
    this.stopAll(slot, problem('connection-removed', {}));
    this.slots.delete(endpointId);
    this.board.forget(endpointId);
  }

  dispose(): void {
    for (const slot of this.slots.values()) this.stopAll(slot, problem('connection-closed', {}));
    this.slots.clear();
    this.board.dispose();
  }

  private stopAll(slot: Slot, why: AutomationProblem): void {
    slot.periodic?.abort(why);
    slot.sequence?.abort(why);
    slot.autoReply?.dispose();
  }

  private slot(endpointId: string): Slot {
    let slot = this.slots.get(endpointId);
    if (!slot)
      this.slots.set(endpointId, (slot = { periodic: null, autoReply: null, sequence: null }));
    return slot;
  }

  /** The endpoint, if automation can run on it (and, for runs, it is open). */
  private usable(endpointId: string, mustBeOpen: boolean): Endpoint {
    const endpoint = this.host.get(endpointId);
    if (endpoint.spec.kind === 'relay') throw automationFailure(problem('relay-unsupported', {}));
    if (mustBeOpen && ENDED.has(endpoint.state))
      throw automationFailure(problem('connection-closed', {}));
    return endpoint;
  }

  /** Calls `abort` with why, when the connection closed or the peer a run talks to left. */
  private abortIfGone(
    endpoint: Endpoint,
    peerId: string | undefined,
    abort: (why: AutomationProblem) => void,
  ): void {
    if (ENDED.has(endpoint.state)) return abort(problem('connection-closed', {}));
    if (peerId === undefined || peerId === 'all' || !SERVERS.has(endpoint.spec.kind)) return;
    const peer = endpoint.peers().find((p) => p.id === peerId);
    if (!peer || peer.state === 'closed')
      abort(problem('peer-gone', { peer: this.peerNames.get(peerId) ?? peerId }));
  }

  private notePeer(endpoint: Endpoint, peerId: string | undefined): void {
    const peer = peerId === undefined ? undefined : endpoint.peers().find((p) => p.id === peerId);
    if (peer) this.peerNames.set(peer.id, formatHostPort(peer.address, peer.port));
  }

  /** The peer a sequence on a listener talks to: the one named, or the only one. */
  private sequencePeer(endpoint: Endpoint, peerId: string | undefined): string | undefined {
    if (!SERVERS.has(endpoint.spec.kind)) return peerId;
    const open = endpoint.peers().filter((p) => p.state !== 'closed');
    if (peerId !== undefined) {
      if (!open.some((p) => p.id === peerId))
        throw automationFailure(problem('peer-gone', { peer: peerId }), 'not-found');
      return peerId;
    }
    if (open.length === 1) return open[0]?.id;
    if (open.length === 0) throw automationFailure(problem('no-peer', {}));
    throw automationFailure(problem('choose-peer', { count: open.length }));
  }

  private changedStatus(endpointId: string, kind: StatusKind, urgent: boolean): void {
    if (urgent) this.board.now(endpointId, kind);
    else this.board.mark(endpointId, kind);
  }

  private emit(endpointId: string, kind: StatusKind): void {
    const slot = this.slots.get(endpointId);
    if (!slot) return;
    if (kind === 'periodic' && slot.periodic)
      this.host.event({ type: 'periodic', endpointId, status: slot.periodic.status });
    else if (kind === 'auto-reply' && slot.autoReply)
      this.host.event({ type: 'auto-reply', endpointId, status: slot.autoReply.status });
    else if (kind === 'sequence' && slot.sequence)
      this.host.event({ type: 'sequence', endpointId, status: slot.sequence.status });
  }
}
