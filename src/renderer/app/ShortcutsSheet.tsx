import { useT } from '../i18n/i18n';
import { useWorkbench } from '../store/store';
import { Dialog, DoneAction } from '../ui/Dialog';
import { keyLabel, SHORTCUTS } from './shortcuts';

/** The Keyboard shortcuts sheet (F1 or ?): every shortcut, with the keys this mode really gets. */
export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const browser = useWorkbench((s) => s.appInfo?.mode !== 'electron');
  return (
    <Dialog title={t('keys.title')} onClose={onClose} className="shortcuts-sheet">
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('keys.keys')}</th>
            <th scope="col">{t('keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => {
            const keys = browser && s.browser ? s.browser : s.desktop;
            return (
              <tr key={s.action}>
                <td>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && t('keys.or')}
                      <kbd>{keyLabel(k)}</kbd>
                    </span>
                  ))}
                </td>
                <td>{t(s.action)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted shortcuts-note">{t(browser ? 'keys.browserNote' : 'keys.desktopNote')}</p>
      <DoneAction onClose={onClose} />
    </Dialog>
  );
}
