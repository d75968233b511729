import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  settingsFrom,
  useWorkbench,
  updateSettings,
} from '../../../src/renderer/store/store';

describe('the settings slice', () => {
  it('takes only valid values from a saved copy or a workspace file; the rest is the default', () => {
    expect(settingsFrom(null)).toEqual(DEFAULT_SETTINGS);
    expect(settingsFrom('dark')).toEqual(DEFAULT_SETTINGS);
    expect(
      settingsFrom({
        theme: 'dark',
        editorFontSize: 18,
        logFontSize: 15,
        timeMode: 'relative',
        reopenAtStart: true,
      }),
    ).toEqual({
      theme: 'dark',
      editorFontSize: 18,
      logFontSize: 15,
      timeMode: 'relative',
      reopenAtStart: true,
    });
    expect(
      settingsFrom({
        theme: 'purple',
        editorFontSize: 400,
        logFontSize: '12',
        timeMode: 1,
        reopenAtStart: 'yes',
      }),
    ).toEqual(DEFAULT_SETTINGS);
    // The log's rows keep their height: a larger log font is refused.
    expect(settingsFrom({ logFontSize: 20 }).logFontSize).toBe(DEFAULT_SETTINGS.logFontSize);
  });

  it('an update keeps what is valid in it, in one settings object', () => {
    updateSettings({ theme: 'light', editorFontSize: 9 });
    expect(useWorkbench.getState().settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    updateSettings({ timeMode: 'relative' });
    expect(useWorkbench.getState().settings.timeMode).toBe('relative');
  });
});
