import { englishOf } from '../shared/messages/plain-formats';
import { hostProblem, portProblem, unbracket } from '../shared/net/address';
import { UsageError, missingArgument, notHostPort, protocolNotOffered } from './cli-errors';

export interface HostPort {
  /** As the engine takes it: IPv6 without brackets. */
  host: string;
  port: number;
}

/**
 * `127.0.0.1:9000`, `[::1]:9000`, `localhost:80`: the host as the app's
 * forms judge it (src/shared/net/address.ts), the port 0–65535 (1–65535
 * where a port must be dialled).
 */
export function parseHostPort(
  command: string,
  text: string | undefined,
  what: string,
  options: { allowPortZero: boolean },
): HostPort {
  if (text === undefined) throw new UsageError(missingArgument(what), command);
  const m = /^(\[[^\]]*\]|[^:[\]]*):([^:]*)$/.exec(text);
  if (!m) throw new UsageError(notHostPort(text), command);
  const host = m[1] ?? '';
  const portText = m[2] ?? '';
  const hostWrong = hostProblem(host);
  if (hostWrong) throw new UsageError(`${notHostPort(text)}: ${englishOf(hostWrong)}`, command);
  const portWrong = portProblem(portText, options.allowPortZero);
  if (portWrong) throw new UsageError(`${notHostPort(text)}: ${englishOf(portWrong)}`, command);
  return { host: unbracket(host), port: Number(portText) };
}

/** The protocol word after the command (`tcp`, `udp`, …), one of those it offers. */
export function parseProtocol<const T extends string>(
  command: string,
  word: string | undefined,
  offered: readonly T[],
): T {
  if (word === undefined)
    throw new UsageError(missingArgument(`the protocol (${offered.join(' or ')})`), command);
  const found = offered.find((p) => p === word.toLowerCase());
  if (found === undefined)
    throw new UsageError(protocolNotOffered(command, word, [...offered]), command);
  return found;
}
