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
import { Dialog, DoneAction } from '../ui/Dialog';
import { SelectField } from '../ui/Field';
import { CheckField } from '../ui/CheckField';

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
      <SelectField
        label={t('settings.theme')}
        value={settings.theme}
        choices={THEMES}
        say={(theme) => t(`settings.theme.${theme}`)}
        onChange={(theme) => updateSettings({ theme })}
      />
      <SelectField
        label={t('settings.editorFontSize')}
        value={settings.editorFontSize}
        choices={sizes(EDITOR_FONT_SIZES)}
        say={(n) => `${n} px`}
        onChange={(editorFontSize) => updateSettings({ editorFontSize })}
      />
      <SelectField
        label={t('settings.logFontSize')}
        value={settings.logFontSize}
        choices={sizes(LOG_FONT_SIZES, [12.5])}
        say={(n) => `${n} px`}
        onChange={(logFontSize) => updateSettings({ logFontSize })}
      />
      <SelectField
        label={t('settings.timeMode')}
        value={settings.timeMode}
        choices={TIME_MODES}
        say={(mode) => t(`settings.time.${mode}`)}
        describedBy={timeHint}
        onChange={(timeMode) => updateSettings({ timeMode })}
      />
      <p className="muted settings-hint" id={timeHint}>
        {t('settings.timeHint')}
      </p>
      <CheckField
        label={t('settings.reopenAtStart')}
        checked={settings.reopenAtStart}
        onChange={(reopenAtStart) => updateSettings({ reopenAtStart })}
      />
      <DoneAction onClose={onClose} />
    </Dialog>
  );
}
