import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { PeerInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { formatCount, useT } from '../i18n/i18n';
import type { PeerListView } from '../store/store';
import { firstMatches } from './peer-search';

/** Options listed at once; the rest are counted, and found by typing more. */
const SHOWN = 50;

interface Option {
  value: string;
  label: string;
}

/**
 * Chooses one peer among thousands by typing part of its address (an ARIA
 * combobox: the arrow keys move through the matches, Enter picks, Escape
 * gives up), or "all peers" where a send may go to all. A select with
 * 15,000 options would take seconds to open and could not be searched.
 */
export function PeerPicker({
  label,
  peers,
  value,
  onChange,
  allLabel,
  describe = (p) => formatHostPort(p.address, p.port),
  nameOf,
}: {
  label: string;
  peers: PeerListView;
  /** A peer's id, or 'all' when `allLabel` is given. */
  value: string | null;
  onChange: (value: string) => void;
  /** The first option, for sending to every peer (absent: a peer must be chosen). */
  allLabel?: string;
  describe?: (peer: PeerInfo) => string;
  /** The name of a chosen peer that has since gone. */
  nameOf?: (peerId: string) => string;
}) {
  const { t } = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query ?? '');
  const rows = peers.rows;

  const { options, more } = useMemo(() => {
    const { found, total } = firstMatches(rows.list(), deferred, SHOWN);
    const list: Option[] = found.map((p) => ({ value: p.id, label: describe(p) }));
    if (allLabel && deferred.trim() === '') list.unshift({ value: 'all', label: allLabel });
    return { options: list, more: total - found.length };
    // The rows are updated in place; the version says when they changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, peers.version, deferred, allLabel, describe]);

  const chosen = value === 'all' ? null : value ? rows.get(value) : undefined;
  const current =
    value === 'all'
      ? (allLabel ?? '')
      : chosen
        ? describe(chosen)
        : value
          ? t('peers.gone', { name: nameOf?.(value) ?? value })
          : '';
  const choose = (option: Option | undefined): void => {
    if (option) onChange(option.value);
    setOpen(false);
    setQuery(null);
  };
  const optionId = (i: number): string => `${id}-option-${i}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.min(Math.max(0, a + step), Math.max(0, options.length - 1)));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && open) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setQuery(null);
    }
  };

  return (
    <div className="peer-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        spellCheck={false}
        autoComplete="off"
        value={query ?? current}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => choose(undefined)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} hidden>
        {t('peers.pickerHint')}
      </span>
      {open && (
        <ul id={`${id}-list`} role="listbox" aria-label={label} className="peer-picker-list">
          {options.map((o, i) => (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // Before the input's blur, so the click still picks.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              {o.label}
            </li>
          ))}
          {options.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              {t('peers.noMatch', { query: deferred.trim() })}
            </li>
          )}
          {more > 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="muted">
              {t('peers.more', { count: formatCount(more) })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
