import { lazy, Suspense, type KeyboardEvent } from 'react';
import type { EndpointInfo } from '../../shared/contract';
import { useApi } from '../api/api-context';
import { formatBytes, formatCount, useT } from '../i18n/i18n';
import { updateLogUi, useWorkbench, type LogViewName } from '../store/store';
import { HexView } from './HexView';
import { LogToolbar } from './LogToolbar';
import { MessageDetail } from './MessageDetail';
import { MessagesView } from './MessagesView';
import { TextView } from './TextView';
import { useLogMachinery, useLogModel } from './use-log-model';
import './log.css';

const VIEWS: LogViewName[] = ['messages', 'hex', 'text', 'terminal'];
// xterm.js comes in its own chunk, the first time the Terminal view is chosen.
const TerminalView = lazy(() =>
  import('./TerminalView').then((m) => ({ default: m.TerminalView })),
);

/**
 * The log of one connection: a toolbar, the view switch, and the chosen
 * view, each a window onto the whole capture log in the main process.
 */
export function LogPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const id = endpoint.id;
  const model = useLogModel(id, useLogMachinery(api, id));
  const budget = useWorkbench((s) => s.appInfo?.logBudgetBytes ?? null);
  const view = model.ui.view;
  const gone = model.window.gone;

  const onTabKey = (e: KeyboardEvent) => {
    const i = VIEWS.indexOf(view);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % VIEWS.length : e.key === 'ArrowLeft' ? (i + 3) % 4 : -1;
    if (next < 0) return;
    e.preventDefault();
    updateLogUi(id, { view: VIEWS[next]! });
    document.getElementById(`logtab-${id}-${VIEWS[next]}`)?.focus();
  };

  return (
    <section className="log-panel" aria-label={t('log')}>
      <LogToolbar endpoint={endpoint} model={model} />
      <div className="log-status">
        {budget !== null && (
          <span className="muted">{t('logBudget', { budget: formatBytes(budget) })}</span>
        )}
        {gone.chunks > 0 && (
          <span className="warning-text">
            {t('evicted', { chunks: formatCount(gone.chunks), bytes: formatCount(gone.bytes) })}
          </span>
        )}
        {model.ui.pausedAt !== null && (
          <span className="paused-badge" role="status">
            {t('log.pausedNew', { n: formatCount(model.newWhilePaused) })}
          </span>
        )}
      </div>
      <div className="view-tabs" role="tablist" aria-label={t('log.views')} onKeyDown={onTabKey}>
        {VIEWS.map((name) => (
          <button
            key={name}
            id={`logtab-${id}-${name}`}
            type="button"
            role="tab"
            aria-selected={view === name}
            aria-controls={`logview-${id}`}
            tabIndex={view === name ? 0 : -1}
            onClick={() => updateLogUi(id, { view: name })}
          >
            {t(`log.view.${name}`)}
          </button>
        ))}
      </div>
      <div
        className="log-view"
        id={`logview-${id}`}
        // Not role="tabpanel": the connection's panel already is one, and
        // "the" tabpanel of a window is what people (and tests) look for.
        role="log"
        aria-label={t(`log.view.${view}`)}
        aria-live="off"
      >
        {view === 'messages' && (
          <div className="view-messages">
            <MessagesView model={model} />
            <MessageDetail model={model} />
          </div>
        )}
        {view === 'hex' && <HexView model={model} />}
        {view === 'text' && <TextView model={model} />}
        {view === 'terminal' && (
          <Suspense fallback={null}>
            <TerminalView endpoint={endpoint} model={model} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
