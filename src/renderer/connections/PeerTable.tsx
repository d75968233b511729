import { useDeferredValue, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import type { PeerInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { formatCount, useT } from '../i18n/i18n';
import { useVirtualRows } from '../ui/use-virtual-rows';
import type { PeerListView } from '../store/store';
import { matchPeers } from './peer-search';

/** Every row is this tall, so only the rows in view need to exist (15,000 peers scroll as 10). */
const ROW_PX = 26;

/**
 * A connection's peers as a table under a heading that counts them, with a
 * box that finds peers by address or port, or a line saying there are none.
 * Only the rows in view are drawn. Each kind of connection brings its own
 * columns; the last column, unheaded, holds the row's buttons.
 */
export function PeerTable({
  title,
  className,
  aside,
  empty,
  headings,
  columns,
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
  /** CSS grid columns: one per heading, then the buttons'. */
  columns: string;
  peers: PeerListView;
  rowClass?: (peer: PeerInfo) => string;
  /** The row's cells (one per heading, then the buttons); `name` is the peer's host:port. */
  cells: (peer: PeerInfo, name: string) => ReactNode[];
}) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  // Typing stays quick while 15,000 addresses are matched behind it.
  const deferred = useDeferredValue(query);
  const all = peers.rows;
  const total = all.size;
  const shown = useMemo(
    () => matchPeers(all.list(), deferred),
    // The rows are updated in place; the version says when they changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [all, peers.version, deferred],
  );
  const { ref, first, last, spacer, top, onScroll } = useVirtualRows(shown.length, ROW_PX, false);
  const style = { '--peer-columns': columns } as CSSProperties;

  return (
    <section className={`${className} peer-section`} aria-label={title}>
      <div className="peers-head">
        <h2>
          {title} ({formatCount(total)})
        </h2>
        {total > 0 && (
          <input
            type="search"
            className="peer-find"
            aria-label={`${t('peers.find')}: ${title}`}
            placeholder={t('peers.findPlaceholder')}
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        )}
        {deferred.trim() !== '' && total > 0 && (
          <span className="muted" role="status">
            {t('peers.matching', {
              shown: formatCount(shown.length),
              total: formatCount(total),
            })}
          </span>
        )}
        <span className="spacer" />
        {aside}
      </div>
      {total === 0 ? (
        <p className="muted">{empty}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t('peers.noMatch', { query: deferred.trim() })}</p>
      ) : (
        <div
          role="table"
          aria-label={title}
          aria-rowcount={shown.length + 1}
          className="peer-grid"
          style={style}
        >
          <div role="rowgroup" className="peer-grid-head">
            <div role="row" className="peer-row" aria-rowindex={1}>
              {headings.map((h) => (
                <div key={h.text} role="columnheader" className={h.num ? 'num' : undefined}>
                  {h.text}
                </div>
              ))}
              {/* The buttons' column: a plain cell, since a header cell must say something. */}
              <div role="cell" />
            </div>
          </div>
          <div role="rowgroup" className="peer-grid-body" ref={ref} onScroll={onScroll}>
            <div className="peer-grid-spacer" style={{ height: spacer }}>
              {shown.slice(first, last).map((p, k) => {
                const i = first + k;
                const name = formatHostPort(p.address, p.port);
                return (
                  <div
                    key={p.id}
                    role="row"
                    aria-rowindex={i + 2}
                    className={`peer-row ${rowClass?.(p) ?? ''}`}
                    style={{ top: top(i), height: ROW_PX }}
                  >
                    {cells(p, name).map((cell, c) => (
                      <div
                        key={c}
                        role="cell"
                        className={
                          headings[c]?.num ? 'num' : c === headings.length ? 'actions' : undefined
                        }
                      >
                        {cell}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
