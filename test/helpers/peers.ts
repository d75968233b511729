import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** A real peer program (socat, ncat, openssl) with its output collected as bytes. */
export interface PeerProcess {
  child: ChildProcess;
  stdout(): Buffer;
  stderr(): string;
  write(data: Uint8Array): void;
  /** Resolves once stdout holds at least `n` bytes (or rejects after `ms`). */
  waitForBytes(n: number, ms?: number): Promise<Buffer>;
  exited(): Promise<number | null>;
  kill(): void;
}

export function spawnPeer(command: string, args: string[]): PeerProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  let err = '';
  let size = 0;
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (d: Buffer) => {
    out.push(d);
    size += d.length;
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => Buffer.concat(out),
    stderr: () => err,
    write: (data) => child.stdin?.write(data),
    waitForBytes: (n, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`${command} produced ${size} of ${n} bytes in ${ms} ms; stderr: ${err}`),
            ),
          ms,
        );
        const check = (): void => {
          if (size >= n) {
            clearTimeout(timer);
            resolve(Buffer.concat(out));
          } else waiters.push(check);
        };
        check();
      }),
    exited: () => exit,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * A Python listener that never accepts, its tiny accept queue filled first:
 * a further SYN to `port` gets no answer, so a dial to it waits (until its
 * timeout, or until it is closed). Killed by the caller.
 */
export async function fullBacklogListener(): Promise<{ peer: PeerProcess; port: number }> {
  const peer = spawnPeer('python3', [
    '-c',
    [
      'import socket, subprocess, sys, time',
      's = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(0)',
      'port = s.getsockname()[1]',
      'fillers = []',
      'for _ in range(4):',
      '    c = socket.socket(); c.setblocking(False)',
      '    try: c.connect(("127.0.0.1", port))',
      '    except BlockingIOError: pass',
      '    fillers.append(c)',
      // Full once the kernel lists more queued (Recv-Q) than the backlog (Send-Q).
      'for _ in range(250):',
      '    row = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout.split()',
      '    if row and int(row[1]) > int(row[2]): break',
      // Polls ss for the condition (queue full), a bounded 250 looks 20 ms apart.
      '    time.sleep(0.02)',
      'else: sys.exit("the accept queue never filled")',
      'print(port, flush=True)',
      // Holds the full listener (the test kills it); 60 s only bounds a forgotten one.
      'time.sleep(60)',
    ].join('\n'),
  ]);
  const port = Number(
    await eventually(() => peer.stdout().toString().trim(), 'the full listener’s port'),
  );
  return { peer, port };
}

/** A free TCP port on loopback, found by binding port 0 and letting go. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** True once something listens on TCP `port` (read from /proc, so no connection is spent). */
export function isListening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = readFileSync(table, 'utf8');
    if (new RegExp(`:${hex} [0-9A-F:]+ 0A `).test(text)) return true;
  }
  return false;
}

/** True once something is bound to UDP `port` (read from /proc). */
export function isUdpBound(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/udp', '/proc/net/udp6'].some((table) =>
    new RegExp(`:${hex} `).test(readFileSync(table, 'utf8')),
  );
}

/**
 * A peer program that listens on a loopback port (`args` names it; a free
 * one unless `at` is given), returned once the kernel lists its socket:
 * ncat and openssl bind only after they start, and a connect spent on
 * checking would be their one client.
 */
export async function spawnListener(
  command: string,
  args: (port: number) => string[],
  at?: number,
): Promise<{ peer: PeerProcess; port: number }> {
  const port = at ?? (await freePort());
  const peer = spawnPeer(command, args(port));
  try {
    await eventually(() => isListening(port), `${command} to listen on port ${port}`);
  } catch (err) {
    peer.kill();
    throw new Error(`${(err as Error).message}; stderr: ${peer.stderr()}`);
  }
  return { peer, port };
}

/** ncat listening on a free loopback port for its one client. */
export function ncatListener(): Promise<{ peer: PeerProcess; port: number }> {
  return spawnListener('ncat', (port) => ['-l', '127.0.0.1', String(port)]);
}

/** socat on a loopback port (free unless `at`) for one client: its bytes to stdout, stdin to it. */
export function socatListener(at?: number): Promise<{ peer: PeerProcess; port: number }> {
  return spawnListener('socat', (port) => ['-', `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr`], at);
}

/**
 * An echo server on a free loopback port for one client: socat with cat. Not
 * `ncat --exec`: before 7.96 it closes the connection at the client's FIN and
 * drops what cat has not echoed yet (nmap issue #962). socat waits up to 30 s
 * for cat to finish once one direction has ended.
 */
export function echoListener(): Promise<{ peer: PeerProcess; port: number }> {
  return spawnListener('socat', (port) => [
    '-t',
    '30',
    `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr`,
    'EXEC:cat',
  ]);
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls until `check` returns a truthy value, or fails with `what` after `ms`. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string,
  ms = 10_000,
): Promise<Truthy<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every byte value, repeated: the payload that catches any codec that mangles bytes. */
export function allByteValues(length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 7 + (i >> 8)) & 0xff;
  return b;
}

/**
 * A fast local sender (children/flood-writer.ts): `bytes` of the
 * self-describing flood (flood-stream.ts) to 127.0.0.1:`port`, the marker
 * at `markerAt` (-1 for none), as fast as the socket takes them.
 */
export function spawnFloodWriter(port: number, bytes: number, markerAt = -1): PeerProcess {
  const root = path.resolve(__dirname, '../..');
  return spawnPeer(process.execPath, [
    path.join(root, 'node_modules/jiti/lib/jiti-cli.mjs'),
    path.join(root, 'test/helpers/children/flood-writer.ts'),
    String(port),
    String(bytes),
    String(markerAt),
  ]);
}
