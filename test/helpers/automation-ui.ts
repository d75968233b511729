import type { Locator, Page } from 'playwright-core';

/** The active connection's panel. */
export const connectionPanel = (page: Page): Locator => page.getByRole('tabpanel');

/** The Automation toggle in the send box's action row (its name also carries an arrow). */
export const automationToggle = (page: Page): Locator =>
  connectionPanel(page).getByRole('button', { name: /^. Automation$/ });

/** Folds or unfolds the connection's Automation section. */
export async function setAutomationOpen(page: Page, open: boolean): Promise<void> {
  const toggle = automationToggle(page);
  if ((await toggle.getAttribute('aria-expanded')) !== String(open)) await toggle.click();
}

/**
 * Opens the connection's Automation section (if folded) and shows one of
 * its parts; returns that part's labelled region.
 */
export async function openAutomation(
  page: Page,
  part: 'Periodic send' | 'Auto-reply' | 'Sequence',
): Promise<Locator> {
  const panel = connectionPanel(page);
  await setAutomationOpen(page, true);
  await panel
    .getByRole('group', { name: 'Automation' })
    .getByRole('button', { name: part, exact: true })
    .click();
  const region = panel.getByRole('region', { name: part, exact: true });
  await region.waitFor();
  return region;
}

/** Replaces the sequence editor's script, typed as a person would (Monaco takes no fill()). */
export async function typeSequence(page: Page, script: string): Promise<void> {
  const lines = connectionPanel(page).locator('.sequence-editor .view-lines');
  await lines.waitFor();
  await lines.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (script) await page.keyboard.insertText(script);
}
