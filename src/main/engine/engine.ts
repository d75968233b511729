import os from 'node:os';
import path from 'node:path';
import type { EndpointInfo, EndpointSpec } from '../../shared/contract';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { AutomationManager } from './automation/automation-manager';
import { AutomationOrigins } from './automation/automation-origins';
import { CaptureLog, DEFAULT_LOG_BUDGET_BYTES } from './capture/capture-log';
import { CaptureRegistry } from './capture/capture-registry';
import { clampLogBudget } from './capture/log-budget';
import { LogPages } from './capture/log-pages';
import { createMicroClock, type Clock } from './clock';
import type { Endpoint, EndpointContext, EngineSink, SendResult } from './endpoint';
import { createEndpoint } from './endpoint-kinds';
import { FileStore, type FileKeeper } from './file-store';
import { SendProgress, type SendWatch } from './send-progress';
import { DescriptorBudget } from './tcp/descriptor-budget';
import { RunningSends } from './running-sends';
import { EndpointError, describeSendCancelled } from './system-errors';
import { UdpEndpoint } from './udp/udp-endpoint';

/** A send's result as the window gets it: a cancelled send says how far it got. */
export type EngineSendResult = Omit<SendResult, 'cancelled'> & { cancelled?: MessageRef };

export interface EngineOptions {
  sink: EngineSink;
  logBudgetBytes?: number;
  clock?: Clock;
  /** Where generated TLS certificates are kept for reuse (null: memory only). */
  dataDir?: string | null;
  /** Copies the certificate and key files chosen, so a saved TLS set-up opens after a restart. */
  fileKeeper?: FileKeeper;
  /** Where captures to disk go: the one place their paths come from. */
  capturesDir?: string;
  /** The machine's memory as the log budget's limit sees it (os.totalmem(); tests may say less). */
  totalMemoryBytes?: number;
  /** How long one find or filter job may run in the worker before it is stopped as a runaway. */
  scanJobLimitMs?: number;
}

/**
 * Owns every endpoint and the capture log. The one place sockets are opened
 * and closed, so disposing the engine closes everything.
 */
export class Engine {
  readonly log: CaptureLog;
  /** Rows, byte windows, find and filters over the log, for the windows. */
  readonly pages: LogPages;
  readonly files: FileStore;
  readonly captures: CaptureRegistry;
  /** Periodic sends, auto-reply rules and sequences, on these endpoints. */
  readonly automation: AutomationManager;
  /** Sends a window named, so that it can cancel them. */
  readonly sends = new RunningSends();
  private readonly endpoints = new Map<string, Endpoint>();
  /** Which sent bytes were automation's, so their chunks carry its rule. */
  private readonly origins = new AutomationOrigins();
  private readonly ctx: EndpointContext;
  private nextEndpoint = 1;
  private nextPeer = 1;
  /** Set when the budget asked at start was more than the machine can give. */
  readonly logBudgetNote: MessageRef | null;

  constructor(private readonly options: EngineOptions) {
    this.files = new FileStore(options.fileKeeper);
    const sink = options.sink;
    const clock = options.clock ?? createMicroClock();
    const budget = clampLogBudget(
      options.logBudgetBytes ?? DEFAULT_LOG_BUDGET_BYTES,
      options.totalMemoryBytes,
    );
    this.logBudgetNote = budget.clamped;
    this.log = new CaptureLog(budget.bytes, (id, drop) => {
      this.pages.evicted(id, drop.chunks);
      sink.event({ type: 'evicted', endpointId: id, ...drop });
    });
    this.pages = new LogPages(this.log, (event) => sink.event(event), {
      now: clock,
      scanJobLimitMs: options.scanJobLimitMs,
    });
    this.captures = new CaptureRegistry(
      options.capturesDir ?? path.join(os.tmpdir(), 'wirebench-captures'),
      (endpointId, message) =>
        sink.event({ type: 'notice', level: 'warning', endpointId, message }),
    );
    this.automation = new AutomationManager({
      get: (id) => this.get(id),
      send: (id, peerId, bytes, origin) =>
        this.get(id).send(peerId, this.origins.tag(bytes, origin)),
      sendTo: (id, to, bytes, origin) => {
        const endpoint = this.get(id);
        if (!(endpoint instanceof UdpEndpoint))
          throw new EndpointError(msg('udp.not-udp', { id }), 'wrong-state');
        return endpoint.sendTo(to.host, to.port, this.origins.tag(bytes, origin));
      },
      event: (event) => sink.event(event),
      clock,
    });
    this.ctx = {
      clock,
      record: (chunk, peer, owned) => {
        // Only what this side sent can be automation's: received bytes skip the lookup.
        if (chunk.dir === 'tx') {
          const origin = this.origins.of(chunk.data);
          if (origin) chunk.origin = origin;
        }
        const stored = this.log.append(chunk, owned);
        this.pages.appended(stored);
        if (this.captures.active) {
          const endpoint = this.endpoints.get(stored.endpointId);
          if (endpoint) this.captures.write(stored, endpoint, peer);
        }
        return stored;
      },
      oldestLoggedSeq: () => this.log.oldestSeq,
      // Automation hears every recorded chunk and every change, whatever the endpoint's kind.
      sink: {
        // A chunk changes counters only: nothing automation runs can have gone with it.
        chunk: (chunk) => {
          sink.chunk(chunk);
          this.automation.received(chunk);
        },
        changed: (endpointId) => {
          sink.changed(endpointId);
          this.automation.changed(endpointId);
        },
        peerLeft: (endpointId, peerId) => this.automation.peerLeft(endpointId, peerId),
        event: (event) => sink.event(event),
      },
      nextPeerId: () => `p${this.nextPeer++}`,
      files: this.files,
      dataDir: options.dataDir ?? null,
      descriptors: new DescriptorBudget(),
    };
  }

  /** The machine's memory as the log budget's limit sees it (undefined: os.totalmem()). */
  get totalMemoryBytes(): number | undefined {
    return this.options.totalMemoryBytes;
  }

  /**
   * Sets the capture log's budget, at most half the machine's memory; when it
   * had to be less than asked, the message saying so (also sent as a notice).
   */
  setLogBudget(bytes: number): MessageRef | null {
    const budget = clampLogBudget(bytes, this.options.totalMemoryBytes);
    this.log.setBudget(budget.bytes);
    if (budget.clamped) {
      this.options.sink.event({
        type: 'notice',
        level: 'warning',
        endpointId: null,
        message: budget.clamped,
      });
    }
    return budget.clamped;
  }

  /**
   * Opens an endpoint. When it cannot open (port in use, refused, …) it is
   * not kept: the caller gets the message and the user can fix the form.
   */
  async open(spec: EndpointSpec): Promise<EndpointInfo> {
    const endpoint = createEndpoint(`e${this.nextEndpoint++}`, spec, this.ctx);
    this.endpoints.set(endpoint.id, endpoint);
    try {
      await endpoint.open();
    } catch (err) {
      await endpoint.close({ closePeers: true }).catch(() => undefined);
      this.endpoints.delete(endpoint.id);
      this.options.sink.event({ type: 'endpoint-removed', endpointId: endpoint.id });
      throw err;
    }
    return endpoint.info();
  }

  /**
   * Keeps an endpoint without opening it: a tab restored from a workspace,
   * closed until the person presses Open (reopen binds or dials with its spec).
   */
  add(spec: EndpointSpec): EndpointInfo {
    const endpoint = createEndpoint(`e${this.nextEndpoint++}`, spec, this.ctx);
    this.endpoints.set(endpoint.id, endpoint);
    this.options.sink.changed(endpoint.id);
    return endpoint.info();
  }

  get(id: string): Endpoint {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) throw new EndpointError(msg('endpoint.not-found', { id }), 'not-found');
    return endpoint;
  }

  has(id: string): boolean {
    return this.endpoints.has(id);
  }

  ids(): string[] {
    return [...this.endpoints.keys()];
  }

  list(): EndpointInfo[] {
    return [...this.endpoints.values()].map((e) => e.info());
  }

  async close(id: string, closePeers = true): Promise<EndpointInfo> {
    const endpoint = this.get(id);
    await endpoint.close({ closePeers });
    return endpoint.info();
  }

  /** Opens a closed endpoint again with its spec; its tab, counters and log stay. */
  async reopen(id: string): Promise<EndpointInfo> {
    const endpoint = this.get(id);
    await endpoint.reopen();
    return endpoint.info();
  }

  async reconnect(id: string): Promise<EndpointInfo> {
    const endpoint = this.get(id);
    await endpoint.reconnect();
    return endpoint.info();
  }

  /** Closes (with its peers) and forgets an endpoint and its log. */
  async remove(id: string): Promise<boolean> {
    const endpoint = this.endpoints.get(id);
    if (!endpoint) return false;
    this.automation.removed(id);
    await endpoint.close({ closePeers: true });
    this.endpoints.delete(id);
    this.log.forget(id);
    this.pages.forget(id);
    await this.captures.forget(id);
    this.options.sink.event({ type: 'endpoint-removed', endpointId: id });
    return true;
  }

  /**
   * Sends `data`. With `tracked`, reports `send-progress` events tagged with
   * its `sendId` and stops when its `signal` fires: the result then carries
   * the message saying how far the send got (`cancelled`).
   */
  async send(
    id: string,
    peerId: string | undefined,
    data: Uint8Array,
    tracked?: { sendId: string; signal?: AbortSignal },
  ): Promise<EngineSendResult> {
    const endpoint = this.get(id);
    if (!tracked) {
      const { bytes, peers } = await endpoint.send(peerId, data);
      return { bytes, peers };
    }
    const { sendId, signal } = tracked;
    const progress = new SendProgress(id, sendId, data.byteLength, this.options.sink);
    progress.expectPeers(peerId === 'all' ? endpoint.peerCount : 1);
    try {
      const watch: SendWatch = { onWrote: (n) => progress.wrote(n), signal };
      const result = await endpoint.send(peerId, data, watch);
      const { bytes, peers } = result;
      if (!result.cancelled) {
        progress.finish(bytes);
        return { bytes, peers };
      }
      progress.cancelled(bytes);
      return { bytes, peers, cancelled: describeSendCancelled(bytes, progress.expected) };
    } catch (err) {
      progress.finish(null);
      throw err;
    }
  }

  /** Cancels send `sendId` wherever it runs; false when it is not running (any more). */
  cancelSend(sendId: string): boolean {
    return this.sends.cancel(sendId);
  }

  disconnect(id: string, peerId: string): boolean {
    return this.get(id).disconnect(peerId);
  }

  /** Closes every socket. Called when the last window or the app goes. */
  async dispose(): Promise<void> {
    this.automation.dispose();
    this.sends.cancelAll();
    await Promise.all(
      [...this.endpoints.values()].map((e) => e.close({ closePeers: true }).catch(() => undefined)),
    );
    await this.captures.stopAll();
    await this.pages.dispose();
  }
}
