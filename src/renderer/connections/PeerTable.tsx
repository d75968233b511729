import type { ReactNode } from 'react';
import type { EndpointInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';

type Peer = EndpointInfo['peers'][number];

/**
 * A connection's peers as a table under a heading that counts them, or a
 * line saying there are none. Each kind of connection brings its own
 * columns; the last column, without a heading, holds the row's buttons.
 */
export function PeerTable({
  title,
  className,
  aside,
  empty,
  headings,
  peers,
  rowClass,
  cells,
}: {
  title: string;
  className: string;
  /** Beside the heading. */
  aside?: ReactNode;
  empty: string;
  headings: Array<{ text: string; num?: boolean }>;
  peers: Peer[];
  rowClass?: (peer: Peer) => string;
  /** The row's cells; `name` is the peer's host:port. */
  cells: (peer: Peer, name: string) => ReactNode;
}) {
  return (
    <section className={className} aria-label={title}>
      <div className="peers-head">
        <h2>
          {title} ({peers.length})
        </h2>
        {aside}
      </div>
      {peers.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="peer-table">
          <thead>
            <tr>
              {headings.map((h) => (
                <th key={h.text} className={h.num ? 'num' : undefined}>
                  {h.text}
                </th>
              ))}
              {/* The buttons' column: a plain cell, since a header cell must say something. */}
              <td />
            </tr>
          </thead>
          <tbody>
            {peers.map((p) => (
              <tr key={p.id} className={rowClass?.(p)}>
                {cells(p, formatHostPort(p.address, p.port))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
