import type { Page } from 'playwright-core';

/**
 * Opens a connection through "New connection" as a person would and returns
 * the local port it shows (the system's choice when port 0 was asked for).
 */
export async function openConnectionInUi(
  page: Page,
  kind: string,
  host: string,
  port: string | number,
): Promise<number> {
  await page.getByRole('button', { name: 'New connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'New connection' });
  await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: kind });
  await dialog.getByLabel('Host', { exact: true }).fill(host);
  await dialog.getByLabel('Port', { exact: true }).fill(String(port));
  await dialog.getByRole('button', { name: 'Open' }).click();
  await dialog.waitFor({ state: 'detached' });
  const local = await page.getByRole('tabpanel').locator('.local-address code').textContent();
  return Number(/:(\d+)$/.exec(local ?? '')?.[1]);
}
