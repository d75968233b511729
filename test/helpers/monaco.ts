import type { Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** The payload editor's text as shown, with spaces as typed (Monaco draws them as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  const shown = await page
    .getByRole('tabpanel')
    .locator('.payload-editor .view-lines')
    .textContent();
  return (shown ?? '').replace(/\u00a0/g, ' ');
}

/**
 * Types a payload and sends it with Ctrl/Cmd+Enter once Send is enabled: a
 * send still in flight (Send shows "Sending…") would swallow the keystroke.
 */
export async function typeAndSend(page: Page, text: string): Promise<void> {
  await typeInEditor(page, text);
  const send = page.getByRole('tabpanel').locator('.send-actions button.primary');
  await send.waitFor({ state: 'visible' });
  await expect.poll(() => send.isEnabled()).toBe(true);
  await page.keyboard.press('ControlOrMeta+Enter');
}
