import type { EndpointSpecInput } from '../../shared/contract/endpoint';
import { isIPv6 } from '../../shared/net/address';
import type { HostPort } from '../address-arg';
import { intOption } from '../args';
import { UsageError, optionNeeds, optionOnlyFor } from '../cli-errors';
import type { CliSession } from '../session/cli-session';
import { errorSentence } from '../messages';

/**
 * The client a command dials, as the app's endpoint spec: TCP, TLS (on the
 * engine's TLS client, with its certificate checks), or UDP, connected to
 * its one remote so the system's "port unreachable" becomes a sentence.
 */

export const CLIENT_OPTIONS = {
  tls: { type: 'boolean' },
  insecure: { type: 'boolean' },
  ca: { type: 'string' },
  servername: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const CLIENT_HELP = `Connecting:
  --tls                 TCP with TLS; the server's certificate is checked against the
                        system's CAs (or --ca) and its name (or --servername)
  --insecure            with --tls: do not check the certificate (said on stderr)
  --ca FILE             with --tls: trust the CAs in this PEM file
  --servername NAME     with --tls: the name sent (SNI) and checked
  --timeout MS          give up connecting after MS (default 5000)`;

export interface ClientChoice {
  tls: boolean;
  insecure: boolean;
  ca: string | undefined;
  servername: string | undefined;
  timeoutMs: number | undefined;
}

export function readClientChoice(
  command: string,
  protocol: 'tcp' | 'udp',
  values: { tls?: boolean; insecure?: boolean; ca?: string; servername?: string; timeout?: string },
): ClientChoice {
  const timeoutMs = intOption(command, '--timeout', values.timeout, 1, 600_000);
  const tls = values.tls === true;
  if (tls && protocol === 'udp') throw new UsageError(optionOnlyFor('--tls', 'TCP'), command);
  for (const [flag, given] of [
    ['--insecure', values.insecure],
    ['--ca', values.ca],
    ['--servername', values.servername],
  ] as const)
    if (given !== undefined && given !== false && !tls)
      throw new UsageError(optionNeeds(flag, '--tls'), command);
  return {
    tls,
    insecure: values.insecure === true,
    ca: values.ca,
    servername: values.servername,
    timeoutMs,
  };
}

/** The spec to open; a CA file is handed to the engine's file store first. */
export async function clientSpec(
  command: string,
  session: CliSession,
  protocol: 'tcp' | 'udp',
  to: HostPort,
  choice: ClientChoice,
): Promise<EndpointSpecInput> {
  const timeout = choice.timeoutMs === undefined ? {} : { timeoutMs: choice.timeoutMs };
  if (protocol === 'udp')
    return {
      kind: 'udp',
      host: isIPv6(to.host) ? '::' : '0.0.0.0',
      port: 0,
      connect: { host: to.host, port: to.port },
    };
  if (!choice.tls) return { kind: 'tcp-client', host: to.host, port: to.port, ...timeout };
  const ca =
    choice.ca === undefined
      ? undefined
      : await session.engine.files.addPath(choice.ca).catch((err: unknown) => {
          throw new UsageError(`--ca ${choice.ca}: ${errorSentence(err)}`, command);
        });
  return {
    kind: 'tls-client',
    host: to.host,
    port: to.port,
    verify: !choice.insecure,
    ...(ca ? { caFileId: ca.fileId } : {}),
    ...(choice.servername ? { serverName: choice.servername } : {}),
    ...timeout,
  };
}
