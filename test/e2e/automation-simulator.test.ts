import { afterAll, describe, expect, it } from 'vitest';
import { openAutomation, setAutomationOpen, typeSequence } from '../helpers/automation-ui';
import { eventually, spawnPeer, type PeerProcess } from '../helpers/peers';
import { openConnectionInUi, panel, useE2eApp } from '../helpers/e2e';

/**
 * From the log to a simulator, in Chromium on the browser mode: a Wirebench
 * client polls a Modbus RTU device written in Python (its own registers and
 * its own CRC code); the recorded conversation is selected in the log and
 * made into the rules of a Wirebench listener; a Python master replays the
 * requests against the listener and must get the device's answers, byte
 * for byte.
 */
const DEVICE = String.raw`
import socket
REGS = {1: [0x0111, 0x0222, 0x0333, 0x0444, 0, 0, 0, 0, 0, 0, 0x0AAA], 2: [0x0111, 0x0222, 0x0333, 0x0444]}
def crc16_modbus(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
conn, _ = srv.accept()
buf = b""
while True:
    more = conn.recv(4096)
    if not more:
        break
    buf += more
    while len(buf) >= 8:
        frame, buf = buf[:8], buf[8:]
        unit, fc = frame[0], frame[1]
        addr, value = int.from_bytes(frame[2:4], "big"), int.from_bytes(frame[4:6], "big")
        regs = REGS.get(unit, [])
        if fc == 3 and addr + value <= len(regs):
            data = b"".join(r.to_bytes(2, "big") for r in regs[addr:addr + value])
            pdu = bytes([3, len(data)]) + data
        elif fc == 3:
            pdu = bytes([0x83, 2])
        elif fc == 6:
            pdu = frame[1:6]
        else:
            pdu = bytes([fc | 0x80, 1])
        body = bytes([unit]) + pdu
        answer = body + crc16_modbus(body).to_bytes(2, "little")
        print(frame.hex().upper(), answer.hex().upper(), flush=True)
        conn.sendall(answer)
`;

/** Sends each request (hex) and reads the given number of bytes back; prints each answer. */
const REPLAY = String.raw`
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for frame, length in zip(sys.argv[2::2], sys.argv[3::2]):
    s.sendall(bytes.fromhex(frame))
    answer = b""
    while len(answer) < int(length):
        more = s.recv(4096)
        if not more:
            sys.exit("closed early")
        answer += more
    print(answer.hex().upper(), flush=True)
`;

/** Two poll cycles: reads from two units, a read of one register, a write, a refused read. */
const POLL = String.raw`
repeat 2
  send hex 01 03 00 00 00 04 +crc16-modbus
  expect hex 01 03 08 ?? ?? ?? ?? ?? ?? ?? ?? ?? ?? within 2000
  send hex 02 03 00 00 00 04 +crc16-modbus
  expect hex 02 03 08 ?? ?? ?? ?? ?? ?? ?? ?? ?? ?? within 2000
  send hex 01 03 00 0A 00 01 +crc16-modbus
  expect hex 01 03 02 ?? ?? ?? ?? within 2000
  send hex 01 06 00 05 01 02 +crc16-modbus
  expect hex 01 06 00 05 01 02 ?? ?? within 2000
  send hex 01 03 00 64 00 02 +crc16-modbus
  expect hex 01 83 02 ?? ?? within 2000
end`;

const app = useE2eApp();
const peers: PeerProcess[] = [];

afterAll(() => {
  for (const p of peers) p.kill();
});

describe('from the log to a simulator, in Chromium', () => {
  it('rules made from a recorded Modbus conversation answer the replayed requests byte-exact', async () => {
    const { page } = app.session;
    const serverPort = await openConnectionInUi(page, 'TCP server', '127.0.0.1', 0);

    const device = spawnPeer('python3', ['-c', DEVICE]);
    peers.push(device);
    const devicePort = Number(
      await eventually(() => /^\d+\n/.exec(device.stdout().toString())?.[0], 'the device'),
    );
    await openConnectionInUi(page, 'TCP client', '127.0.0.1', devicePort);
    await panel(page).getByText('Connected', { exact: true }).waitFor();
    const sequence = await openAutomation(page, 'Sequence');
    await typeSequence(page, POLL.trim());
    await sequence.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => sequence.locator('.sequence-outcome').textContent(), { timeout: 15_000 })
      .toBe('Passed');
    const served = device
      .stdout()
      .toString()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(' ') as [string, string]);
    expect(served).toHaveLength(10);

    // Fold the automation away, and select the whole conversation: a row, Home, then Shift+End.
    await setAutomationOpen(page, false);
    await panel(page).locator('.msg-spacer [role="row"]').first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await panel(page).getByRole('button', { name: 'Make rules from selection' }).click();
    await page.getByRole('menuitem', { name: `Into the rules of 127.0.0.1:${serverPort}` }).click();

    // Every request the client sent, with the answer that followed, made a rule.
    await page.getByText(/^\d+ rules made from 10 request\/response pairs/).waitFor();
    // The listener's tab opens on its new rules, applied once their hits show.
    const rules = panel(page).getByRole('region', { name: 'Auto-reply' });
    await rules
      .getByRole('listitem', { name: 'Rule 1', exact: true })
      .getByText('Hits: 0')
      .waitFor();
    await app.session.screenshot('automation-rules-from-log');

    const replay = spawnPeer('python3', [
      '-c',
      REPLAY,
      String(serverPort),
      ...served.flatMap(([request, answer]) => [request, String(answer.length / 2)]),
    ]);
    peers.push(replay);
    const expected = served.map(([, answer]) => answer).join('\n');
    expect((await replay.waitForBytes(expected.length + 1)).toString().trim()).toBe(expected);
    expect(app.session.problems).toEqual([]);
  });
});
