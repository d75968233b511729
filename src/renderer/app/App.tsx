import { ConnectionTabs } from '../connections/ConnectionTabs';
import { ConnectionView } from '../connections/ConnectionView';
import { NewConnectionDialog } from '../connections/NewConnectionDialog';
import { useApi } from '../api/api-context';
import { LOCALES, setLocale, useT } from '../i18n/i18n';
import { setDialogOpen, setSettingsOpen, setShortcutsOpen, useWorkbench } from '../store/store';
import { SelectField } from '../ui/Field';
import { Notices } from './Notices';
import { SettingsDialog } from './SettingsDialog';
import { keyLabel } from './shortcuts';
import { ShortcutsSheet } from './ShortcutsSheet';
import { useShortcuts } from './use-shortcuts';
import { WorkspaceMenu } from './WorkspaceMenu';
import './app.css';

/** The window: header, connection tabs, the active connection, notices. */
export function App() {
  const { t, locale } = useT();
  const api = useApi();
  const activeId = useWorkbench((s) => s.activeId);
  const dialogOpen = useWorkbench((s) => s.dialogOpen);
  const settingsOpen = useWorkbench((s) => s.settingsOpen);
  const shortcutsOpen = useWorkbench((s) => s.shortcutsOpen);
  const hasEndpoints = useWorkbench((s) => s.order.length > 0);
  const browser = useWorkbench((s) => s.appInfo?.mode !== 'electron');
  useShortcuts(api);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">{t('appTitle')}</h1>
        <button
          type="button"
          className="primary"
          onClick={() => setDialogOpen(true)}
          title={browser ? 'Alt+T' : keyLabel('Mod+T')}
        >
          {t('newConnection')}
        </button>
        <WorkspaceMenu />
        <span className="spacer" />
        <SelectField
          inline
          label={t('language')}
          value={locale}
          choices={LOCALES.map((l) => l.id)}
          say={(id) => LOCALES.find((l) => l.id === id)?.label ?? id}
          onChange={setLocale}
        />
        <button type="button" onClick={() => setShortcutsOpen(true)} title="F1">
          {t('keys.open')}
        </button>
        <button type="button" onClick={() => setSettingsOpen(true)} title="Ctrl+,">
          {t('settings.open')}
        </button>
      </header>
      <ConnectionTabs />
      <main className="app-main">
        {activeId ? (
          <ConnectionView key={activeId} endpointId={activeId} />
        ) : (
          !hasEndpoints && (
            <p className="empty-state">
              {t('noConnections', { keys: browser ? 'Alt+T' : keyLabel('Mod+T') })}
            </p>
          )
        )}
      </main>
      <Notices />
      {dialogOpen && <NewConnectionDialog onClose={() => setDialogOpen(false)} />}
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      {shortcutsOpen && <ShortcutsSheet onClose={() => setShortcutsOpen(false)} />}
    </div>
  );
}
