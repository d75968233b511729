import type { Chunk, MessageRef } from '../../../shared/contract';
import type { CaptureFileStatus } from '../../../shared/contract/ops/capture-ops';
import type { StreamConversation } from '../../../shared/export/pcapng-stream';
import { CaptureFile, type CapturePlace } from './capture-file';
import { captureCreateFailed } from './capture-errors';
import type { Endpoint, PeerRecord } from '../endpoint';
import { EndpointError } from '../system-errors';

/**
 * The captures to disk of every connection: at most one running per
 * connection, and the last finished one remembered so the window can show
 * where it went.
 */
export class CaptureRegistry {
  private readonly running = new Map<string, CaptureFile>();
  private readonly finished = new Map<string, CaptureFileStatus>();

  constructor(
    readonly dir: string,
    private readonly notice: (endpointId: string, message: MessageRef) => void,
  ) {}

  /** Whether any capture runs: the record path checks this before anything else. */
  get active(): boolean {
    return this.running.size > 0;
  }

  write(chunk: Chunk, endpoint: Endpoint, peer: PeerRecord): void {
    const file = this.running.get(chunk.endpointId);
    if (!file) return;
    // Addresses are read only when a conversation first appears in the file.
    const describe = (): StreamConversation => ({
      local: endpoint.local ?? { address: '0.0.0.0', port: 0 },
      remote: { address: peer.address, port: peer.port },
      initiator: endpoint.spec.kind === 'tcp-server' ? 'remote' : 'local',
    });
    file.write(chunk, describe);
  }

  /**
   * Starts capturing a connection to a new file under the captures directory
   * (what a window asks for), or to `file`, which only a trusted caller (the
   * command line) names.
   */
  start(endpointId: string, file?: string): CaptureFileStatus {
    const current = this.running.get(endpointId);
    if (current) return current.status();
    const place: CapturePlace = file === undefined ? this.dir : { file };
    try {
      const capture = new CaptureFile(endpointId, place, (m) => this.notice(endpointId, m));
      this.running.set(endpointId, capture);
      return capture.status();
    } catch (err) {
      if (err instanceof EndpointError) throw err;
      throw new EndpointError(captureCreateFailed(this.dir, err as NodeJS.ErrnoException));
    }
  }

  async stop(endpointId: string): Promise<CaptureFileStatus | null> {
    const file = this.running.get(endpointId);
    if (!file) return this.finished.get(endpointId) ?? null;
    this.running.delete(endpointId);
    const status = await file.stop();
    this.finished.set(endpointId, status);
    return status;
  }

  statuses(): CaptureFileStatus[] {
    const running = [...this.running.values()].map((f) => f.status());
    const done = [...this.finished.values()].filter((s) => !this.running.has(s.endpointId));
    return [...running, ...done];
  }

  /** The connection was removed: finish its file and forget it. */
  async forget(endpointId: string): Promise<void> {
    await this.stop(endpointId);
    this.finished.delete(endpointId);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }
}
