import { useEffect, useRef } from 'react';
import type { Direction } from '../../shared/contract';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { usePeerName } from '../store/selectors';
import { ALL_PEERS, updateFilter, useWorkbench, type PatternKind } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { Choices } from '../ui/Field';
import { ScanProgress } from './ScanProgress';
import type { LogModel } from './use-log-model';

const DIRECTIONS: ReadonlyArray<Direction | 'all'> = ['all', 'rx', 'tx'];
const KINDS: readonly PatternKind[] = ['text', 'hex', 'regex'];

/**
 * The peers a filter can name: those the log saw, and the one chosen. (A
 * peer connected now that sent nothing has no rows to filter for.)
 */
function usePeerChoices(model: LogModel): string[] {
  const seen = useWorkbench((s) => s.live[model.endpointId]?.peers);
  const chosen = model.ui.filter.peerId;
  const ids = new Set<string>(seen ?? []);
  if (chosen !== ALL_PEERS) ids.add(chosen);
  return [...ids];
}

/**
 * Direction, peer and pattern: main filters the rows (direction, peer, and
 * the pattern with "Only matches") and finds the pattern over the whole
 * capture; Next/Previous (Enter, F3) move between its matches. Progress
 * and Cancel show when either takes long.
 */
export function FilterBar({ model }: { model: LogModel }) {
  const { t } = useT();
  const peerName = usePeerName();
  const id = model.endpointId;
  const f = model.ui.filter;
  const { search, current, error } = model.scans;
  const peers = usePeerChoices(model);
  const runner = model.runner;
  const found = search?.status.found ?? 0;
  const canMove = search !== null && (found > 0 || search.status.state === 'running');
  const onMatch =
    current !== null && current.scanId === search?.scanId && current.row === model.ui.selected;
  const go = (step: 1 | -1) => void runner.next(step);
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
      void runner.next(e.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runner]);

  return (
    <div className="filter-bar" role="search" aria-label={t('filter.label')}>
      <Choices
        label={t('filter.direction')}
        value={f.dir}
        choices={DIRECTIONS}
        say={(dir) => (dir === 'all' ? t('filter.bothDirections') : dir.toUpperCase())}
        onChange={(dir) => updateFilter(id, { dir })}
      />
      <Choices
        label={t('filter.peer')}
        value={f.peerId}
        choices={[ALL_PEERS, ...peers]}
        say={(p) => (p === ALL_PEERS ? t('filter.allPeers') : peerName(p))}
        onChange={(peerId) => updateFilter(id, { peerId })}
      />
      <Choices
        label={t('filter.kind')}
        value={f.kind}
        choices={KINDS}
        say={(kind) => (kind === 'regex' ? t('filter.regex') : t(kind))}
        onChange={(kind) => updateFilter(id, { kind })}
      />
      <input
        ref={patternInput}
        type="search"
        className="mono filter-input"
        aria-label={t('filter.pattern')}
        placeholder={t('filter.placeholder')}
        value={f.pattern}
        aria-invalid={error !== null}
        onChange={(e) => updateFilter(id, { pattern: e.target.value })}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          go(e.shiftKey ? -1 : 1);
        }}
      />
      <CheckField
        label={t('filter.onlyMatches')}
        checked={f.onlyMatches}
        onChange={(on) => updateFilter(id, { onlyMatches: on })}
      />
      <button type="button" onClick={() => go(-1)} disabled={!canMove} title="Shift+F3">
        {t('filter.previous')}
      </button>
      <button type="button" onClick={() => go(1)} disabled={!canMove} title="F3">
        {t('filter.next')}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {describe(error)}
        </span>
      ) : (
        search && (
          <span className="muted" role="status">
            {onMatch
              ? t('filter.matchOf', {
                  n: formatCount(current.match.index - current.firstHeld + 1),
                  total: formatCount(found),
                })
              : t('filter.matches', { total: formatCount(found) })}
            {search.status.truncated ? ` ${t('filter.truncated')}` : ''}
          </span>
        )
      )}
      <ScanProgress model={model} />
    </div>
  );
}
