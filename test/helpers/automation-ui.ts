import type { Locator, Page } from 'playwright-core';
import { panel } from './e2e';

/** What the section and its parts are called in the UI's language. */
export interface AutomationNames {
  section: string;
  parts: Record<'periodic' | 'autoReply' | 'sequence', string>;
}
export const ENGLISH: AutomationNames = {
  section: 'Automation',
  parts: { periodic: 'Periodic send', autoReply: 'Auto-reply', sequence: 'Sequence' },
};
export const CHINESE: AutomationNames = {
  section: '自动化',
  parts: { periodic: '定时发送', autoReply: '自动应答', sequence: '序列' },
};

/** The Automation toggle in the send box's action row (its name also carries an arrow). */
export const automationToggle = (page: Page, names = ENGLISH): Locator =>
  panel(page).getByRole('button', { name: new RegExp(`^. ${names.section}$`) });

/** Folds or unfolds the connection's Automation section. */
export async function setAutomationOpen(page: Page, open: boolean, names = ENGLISH): Promise<void> {
  const toggle = automationToggle(page, names);
  if ((await toggle.getAttribute('aria-expanded')) !== String(open)) await toggle.click();
}

/**
 * Opens the connection's Automation section (if folded) and shows one of
 * its parts; returns that part's labelled region.
 */
export async function openAutomation(
  page: Page,
  which: 'Periodic send' | 'Auto-reply' | 'Sequence' | keyof AutomationNames['parts'],
  names = ENGLISH,
): Promise<Locator> {
  const part = which in names.parts ? names.parts[which as keyof AutomationNames['parts']] : which;
  await setAutomationOpen(page, true, names);
  await panel(page)
    .getByRole('group', { name: names.section })
    .getByRole('button', { name: part, exact: true })
    .click();
  const region = panel(page).getByRole('region', { name: part, exact: true });
  await region.waitFor();
  return region;
}

/** Replaces the sequence editor's script, typed as a person would (Monaco takes no fill()). */
export async function typeSequence(page: Page, script: string): Promise<void> {
  const lines = panel(page).locator('.sequence-editor .view-lines');
  await lines.waitFor();
  await lines.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (script) await page.keyboard.insertText(script);
}
