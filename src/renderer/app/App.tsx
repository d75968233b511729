import { useEffect } from 'react';
import { ConnectionTabs } from '../connections/ConnectionTabs';
import { ConnectionView } from '../connections/ConnectionView';
import { NewConnectionDialog } from '../connections/NewConnectionDialog';
import { useApi } from '../api/api-context';
import { LOCALES, setLocale, useT, type Locale } from '../i18n/i18n';
import { setDialogOpen, useWorkbench } from '../store/store';
import { Notices } from './Notices';
import { closeAndRemove } from '../connections/actions';

/** The window: header, connection tabs, the active connection, notices. */
export function App() {
  const { t, locale } = useT();
  const api = useApi();
  const activeId = useWorkbench((s) => s.activeId);
  const dialogOpen = useWorkbench((s) => s.dialogOpen);
  const hasEndpoints = useWorkbench((s) => s.order.length > 0);

  // Ctrl/Cmd+T opens a connection, Ctrl/Cmd+W closes the current one.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 't') {
        event.preventDefault();
        setDialogOpen(true);
      } else if (key === 'w') {
        const id = useWorkbench.getState().activeId;
        if (id) {
          event.preventDefault();
          void closeAndRemove(api, id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">{t('appTitle')}</h1>
        <button
          type="button"
          className="primary"
          onClick={() => setDialogOpen(true)}
          title="Ctrl+T"
        >
          {t('newConnection')}
        </button>
        <span className="spacer" />
        <label className="inline-field">
          {t('language')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            {LOCALES.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      <ConnectionTabs />
      <main className="app-main">
        {activeId ? (
          <ConnectionView key={activeId} endpointId={activeId} />
        ) : (
          !hasEndpoints && <p className="empty-state">{t('noConnections')}</p>
        )}
      </main>
      <Notices />
      {dialogOpen && <NewConnectionDialog onClose={() => setDialogOpen(false)} />}
    </div>
  );
}
