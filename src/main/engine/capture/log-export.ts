import type { Chunk, Direction } from '../../../shared/contract';
import { MAX_EXPORT_BYTES, type ExportFormat } from '../../../shared/contract/ops/export-ops';
import { csvExportRows } from '../../../shared/export/csv-export';
import { jsonlExportLines } from '../../../shared/export/jsonl-export';
import { pcapngBlocks, type PcapConversation } from '../../../shared/export/pcapng';
import { textExportBlocks, type LogExportOptions } from '../../../shared/export/text-export';
import { msg } from '../../../shared/messages/catalogue';
import { formatHostPort } from '../../../shared/net/address';
import type { CaptureLog } from './capture-log';
import type { Endpoint } from '../endpoint';
import { EndpointError } from '../system-errors';

export interface ExportRequest {
  format: ExportFormat;
  peerId?: string;
  dir?: Direction;
  fromSeq?: number;
  toSeq?: number;
  timeZone: 'local' | 'utc';
}

export interface ExportFile {
  fileName: string;
  mimeType: string;
  chunks: number;
  data: Uint8Array;
}

const EXTENSION: Record<ExportFormat, [string, string]> = {
  text: ['txt', 'text/plain'],
  csv: ['csv', 'text/csv'],
  jsonl: ['jsonl', 'application/x-ndjson'],
  pcapng: ['pcapng', 'application/vnd.tcpdump.pcap'],
};

/** Gathers encoded pieces, refusing to grow past the export limit. */
class Collector {
  private parts: Uint8Array[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();

  add(piece: Uint8Array | string): void {
    const bytes = typeof piece === 'string' ? this.encoder.encode(piece) : piece;
    this.size += bytes.length;
    if (this.size > MAX_EXPORT_BYTES) {
      throw new EndpointError(msg('export.too-large', { max: MAX_EXPORT_BYTES }));
    }
    this.parts.push(bytes);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

function stamp(us: number): string {
  const d = new Date(us / 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** `wirebench-tcp-server-127.0.0.1_9000-20240501-123456.pcapng` */
function fileName(endpoint: Endpoint, format: ExportFormat, now: number): string {
  const where = endpoint.local
    ? `${endpoint.local.address}_${endpoint.local.port}`
    : `${endpoint.spec.kind}`;
  const safe = where.replace(/[^A-Za-z0-9._-]/g, '_');
  return `wirebench-${endpoint.spec.kind}-${safe}-${stamp(now)}.${EXTENSION[format][0]}`;
}

const UNKNOWN_PEER = { address: '0.0.0.0', port: 0 };

/** The conversations of an endpoint for pcapng: one per peer, with the addresses it had. */
function conversations(endpoint: Endpoint, chunks: Chunk[]): PcapConversation[] {
  const byPeer = new Map<string, Chunk[]>();
  for (const c of chunks) {
    let list = byPeer.get(c.peerId);
    if (!list) byPeer.set(c.peerId, (list = []));
    list.push(c);
  }
  const server = endpoint.spec.kind === 'tcp-server';
  const out: PcapConversation[] = [];
  for (const [peerId, list] of byPeer) {
    const seen = endpoint.seenPeers.get(peerId);
    const local = seen?.local ?? endpoint.local ?? { address: '127.0.0.1', port: 0 };
    out.push({
      local,
      // A peer forgotten under a flood of newer ones (seen-peers.ts) keeps its packets,
      // from an address that says it is unknown.
      remote: seen ? { address: seen.peer.address, port: seen.peer.port } : UNKNOWN_PEER,
      chunks: list,
      closed: seen ? seen.peer.state === 'closed' : true,
      initiator: server ? 'remote' : 'local',
      closedBy: seen?.closedBy ?? 'local',
      openedAt: Math.min(seen?.peer.since ?? Infinity, list[0]!.time),
    });
  }
  return out;
}

/**
 * Builds an export of one endpoint's capture log in the chosen format.
 * Everything the capture log still holds is used, so it includes what the
 * window may have skipped while it was behind.
 */
export function buildExport(
  endpoint: Endpoint,
  log: CaptureLog,
  request: ExportRequest,
  now: number,
): ExportFile {
  const chunks = log
    .read(endpoint.id, (request.fromSeq ?? 0) - 1, Number.MAX_SAFE_INTEGER)
    .filter(
      (c) =>
        (request.toSeq === undefined || c.seq <= request.toSeq) &&
        (request.peerId === undefined || c.peerId === request.peerId) &&
        (request.dir === undefined || c.dir === request.dir),
    );
  const names = new Map<string, string>();
  for (const [id, seen] of endpoint.seenPeers) {
    names.set(id, formatHostPort(seen.peer.address, seen.peer.port));
  }
  const options: LogExportOptions = {
    peerLabel: (c) => names.get(c.peerId) ?? c.peerId,
    timeZone: request.timeZone,
  };
  const out = new Collector();
  switch (request.format) {
    case 'text':
      for (const block of textExportBlocks(chunks, options)) out.add(block);
      break;
    case 'csv':
      for (const row of csvExportRows(chunks, options)) out.add(row);
      break;
    case 'jsonl':
      for (const line of jsonlExportLines(chunks, options)) out.add(line);
      break;
    case 'pcapng':
      for (const block of pcapngBlocks({
        // UDP endpoints (kinds starting with "udp") export datagrams; all others are TCP streams.
        transport: endpoint.spec.kind.startsWith('udp') ? 'udp' : 'tcp',
        conversations: conversations(endpoint, chunks),
      })) {
        out.add(block);
      }
      break;
  }
  return {
    fileName: fileName(endpoint, request.format, now),
    mimeType: EXTENSION[request.format][1],
    chunks: chunks.length,
    data: out.bytes(),
  };
}
