import { useId } from 'react';
import { useT } from '../i18n/i18n';
import {
  EDITOR_FONT_SIZES,
  LOG_FONT_SIZES,
  updateSettings,
  useWorkbench,
  type ThemeChoice,
  type TimeMode,
} from '../store/store';
import { Dialog } from '../ui/Dialog';
import { Field } from '../connections/Field';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];
const TIME_MODES: TimeMode[] = ['absolute', 'relative'];

function sizes(range: { min: number; max: number }, extra: number[] = []): number[] {
  const all = new Set(extra);
  for (let n = range.min; n <= range.max; n++) all.add(n);
  return [...all].sort((a, b) => a - b);
}

/** Theme, font sizes and the log's time format; each choice applies at once and is kept. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const settings = useWorkbench((s) => s.settings);
  const timeHint = useId();
  return (
    <Dialog title={t('settings.title')} onClose={onClose} className="settings-dialog">
      <Field label={t('settings.theme')}>
        {(id) => (
          <select
            id={id}
            value={settings.theme}
            onChange={(e) => updateSettings({ theme: e.target.value as ThemeChoice })}
          >
            {THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`settings.theme.${theme}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.editorFontSize')}>
        {(id) => (
          <select
            id={id}
            value={settings.editorFontSize}
            onChange={(e) => updateSettings({ editorFontSize: Number(e.target.value) })}
          >
            {sizes(EDITOR_FONT_SIZES).map((n) => (
              <option key={n} value={n}>
                {n} px
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.logFontSize')}>
        {(id) => (
          <select
            id={id}
            value={settings.logFontSize}
            onChange={(e) => updateSettings({ logFontSize: Number(e.target.value) })}
          >
            {sizes(LOG_FONT_SIZES, [12.5]).map((n) => (
              <option key={n} value={n}>
                {n} px
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('settings.timeMode')}>
        {(id) => (
          <select
            id={id}
            value={settings.timeMode}
            aria-describedby={timeHint}
            onChange={(e) => updateSettings({ timeMode: e.target.value as TimeMode })}
          >
            {TIME_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`settings.time.${mode}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="muted settings-hint" id={timeHint}>
        {t('settings.timeHint')}
      </p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('settings.done')}
        </button>
      </div>
    </Dialog>
  );
}
