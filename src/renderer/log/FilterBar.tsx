import { useEffect, useRef } from 'react';
import { lowerBound } from '../../shared/collections/sorted-search';
import type { Direction } from '../../shared/contract';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import {
  ALL_PEERS,
  updateFilter,
  updateLogUi,
  useWorkbench,
  type PatternKind,
} from '../store/store';
import { usePeerName } from '../store/selectors';
import { CheckField } from '../ui/CheckField';
import type { LogModel } from './use-log-model';

/** Selects the next (or previous) matching message after the selected one, wrapping around. */
export function gotoMatch(endpointId: string, model: LogModel, step: 1 | -1): void {
  const { matches } = model.index;
  const end = model.ui.pausedAt ?? model.log.end;
  const count = lowerBound(matches, end);
  if (count === 0) return;
  const cur = model.ui.selected;
  let i: number;
  if (cur === null) i = step > 0 ? 0 : count - 1;
  else if (step > 0) {
    i = lowerBound(matches, cur + 1);
    if (i >= count) i = 0;
  } else {
    i = lowerBound(matches, cur) - 1;
    if (i < 0) i = count - 1;
  }
  updateLogUi(endpointId, { selected: matches[i]!, anchor: matches[i]! });
}

/** Where the selected message stands among the matches (-1 when it is not one). */
function matchIndexOf(matches: readonly number[], selected: number | null): number {
  if (selected === null) return -1;
  const i = lowerBound(matches, selected);
  return matches[i] === selected ? i : -1;
}

/** Direction, peer and pattern filters, with the count of matches and next/previous. */
export function FilterBar({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const peerName = usePeerName();
  const f = model.ui.filter;
  const end = model.ui.pausedAt ?? model.log.end;
  const matchCount = lowerBound(model.index.matches, end);
  const current = matchIndexOf(model.index.matches, model.ui.selected);
  const patternInput = useRef<HTMLInputElement>(null);

  // Ctrl/Cmd+F (app/use-shortcuts.ts) asks the shown log's find for the focus.
  const findRequest = useWorkbench((s) => s.findRequest);
  const seenRequest = useRef(findRequest);
  useEffect(() => {
    if (findRequest === seenRequest.current) return;
    seenRequest.current = findRequest;
    patternInput.current?.focus();
    patternInput.current?.select();
  }, [findRequest]);

  // F3 / Shift+F3 anywhere in the window move between matches of the shown connection.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F3') return;
      e.preventDefault();
      gotoMatch(endpointId, model, e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [endpointId, model]);

  return (
    <div className="filter-bar" role="search" aria-label={t('filter.label')}>
      <select
        aria-label={t('filter.direction')}
        value={f.dir}
        onChange={(e) => updateFilter(endpointId, { dir: e.target.value as Direction | 'all' })}
      >
        <option value="all">{t('filter.bothDirections')}</option>
        <option value="rx">RX</option>
        <option value="tx">TX</option>
      </select>
      <select
        aria-label={t('filter.peer')}
        value={f.peerId}
        onChange={(e) => updateFilter(endpointId, { peerId: e.target.value })}
      >
        <option value={ALL_PEERS}>{t('filter.allPeers')}</option>
        {[...model.log.peers].map((p) => (
          <option key={p} value={p}>
            {peerName(p)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filter.kind')}
        value={f.kind}
        onChange={(e) => updateFilter(endpointId, { kind: e.target.value as PatternKind })}
      >
        <option value="text">{t('text')}</option>
        <option value="hex">{t('hex')}</option>
        <option value="regex">{t('filter.regex')}</option>
      </select>
      <input
        ref={patternInput}
        type="search"
        className="mono filter-input"
        aria-label={t('filter.pattern')}
        placeholder={t('filter.placeholder')}
        value={f.pattern}
        aria-invalid={model.filter.error !== null}
        onChange={(e) => updateFilter(endpointId, { pattern: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          gotoMatch(endpointId, model, e.shiftKey ? -1 : 1);
        }}
      />
      <CheckField
        label={t('filter.onlyMatches')}
        checked={f.onlyMatches}
        onChange={(on) => updateFilter(endpointId, { onlyMatches: on })}
      />
      <button
        type="button"
        onClick={() => gotoMatch(endpointId, model, -1)}
        disabled={matchCount === 0}
        title="Shift+F3"
      >
        {t('filter.previous')}
      </button>
      <button
        type="button"
        onClick={() => gotoMatch(endpointId, model, 1)}
        disabled={matchCount === 0}
        title="F3"
      >
        {t('filter.next')}
      </button>
      {model.filter.error ? (
        <span className="field-error" role="alert">
          {describe(model.filter.error)}
        </span>
      ) : (
        f.pattern !== '' && (
          <span className="muted" role="status">
            {current >= 0
              ? t('filter.matchOf', { n: formatCount(current + 1), total: formatCount(matchCount) })
              : t('filter.matches', { total: formatCount(matchCount) })}
          </span>
        )
      )}
    </div>
  );
}
