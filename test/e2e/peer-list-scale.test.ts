import { afterAll, describe, expect, it } from 'vitest';
import { chooseSendTarget, openConnectionInUi, panel, sendHex, useE2eApp } from '../helpers/e2e';
import { connectPeer, type NodePeer } from '../helpers/node-peers';

/**
 * A listener with 5,000 peers in Chromium: the list holds only the rows in
 * view whatever the count, scrolls to the last one, finds a peer by port,
 * and the send target is found by typing part of an address.
 */
const PEERS = 5000;
const app = useE2eApp();
const clients: NodePeer[] = [];

afterAll(() => {
  for (const c of clients.splice(0)) c.socket.destroy();
});

describe('5,000 peers on one listener', () => {
  it('scrolls, finds a peer by address as you type, and sends to it', async () => {
    const { page } = app.session;
    const port = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);
    for (let i = 0; i < PEERS; i += 250) {
      clients.push(...(await Promise.all(Array.from({ length: 250 }, () => connectPeer(port)))));
    }
    const list = panel(page).getByRole('region', { name: 'Peers' });
    await expect
      .poll(() => list.getByRole('heading').textContent(), { timeout: 30_000 })
      .toBe('Peers (5,000)');
    // The listener's backlog, and what the system allows, beside its address.
    expect(await panel(page).locator('.listen-backlog').textContent()).toMatch(
      /^Backlog 4096( \(the system allows up to \d+\)|, capped by the system at \d+)/,
    );
    const table = list.getByRole('table', { name: 'Peers' });
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(PEERS + 1));
    const rows = table.locator('.peer-grid-spacer [role="row"]');
    expect(await rows.count()).toBeLessThan(40);

    // To the end: the last peer's row is drawn, still only a screenful of them.
    const body = table.locator('.peer-grid-body');
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => rows.last().getAttribute('aria-rowindex')).toBe(String(PEERS + 1));
    expect(await rows.count()).toBeLessThan(40);
    await app.session.screenshot('peer-list-5000-scrolled');

    // Found by its port as it is typed.
    const wanted = clients[3210]!;
    const name = `127.0.0.1:${wanted.socket.localPort}`;
    const find = list.getByRole('searchbox', { name: 'Find a peer: Peers' });
    await find.pressSequentially(String(wanted.socket.localPort));
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe('2');
    await expect.poll(() => rows.first().textContent()).toContain(name);
    await expect.poll(() => list.getByRole('status').textContent()).toBe('1 of 5,000');
    await app.session.screenshot('peer-list-5000-found');

    // The send target, by keyboard: type, arrow to the match, Enter.
    const target = panel(page).getByRole('combobox', { name: 'Send to' });
    await target.click();
    await target.pressSequentially(String(wanted.socket.localPort));
    await expect
      .poll(() =>
        panel(page)
          .getByRole('listbox', { name: 'Send to' })
          .getByRole('option', { name, exact: true })
          .count(),
      )
      .toBe(1);
    await app.session.screenshot('peer-picker-typing');
    await target.press('Enter');
    await expect.poll(() => target.inputValue()).toBe(name);
    await sendHex(page, 'CA FE');
    expect([...(await wanted.waitFor(2))]).toEqual([0xca, 0xfe]);
    expect(clients[0]!.received().length).toBe(0);

    // And back to every peer, chosen with the mouse.
    await chooseSendTarget(page, '');
    await find.fill('');
    await expect.poll(() => table.getAttribute('aria-rowcount')).toBe(String(PEERS + 1));
    expect(app.session.problems).toEqual([]);
  });
});
