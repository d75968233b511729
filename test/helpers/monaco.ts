import type { Page } from 'playwright-core';

/**
 * Replaces the payload editor's content by typing, as a person would:
 * Monaco edits through its own input element (EditContext), which
 * Playwright's fill() cannot drive.
 */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.getByRole('tabpanel').locator('.payload-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
}
