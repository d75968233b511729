import type { EndpointInfo } from '../../../shared/contract';
import { RelayPanel } from './RelayPanel';
import { TlsPanel } from './TlsPanel';

/** The TLS and relay parts of a connection tab; nothing for other kinds. */
export function TlsRelayPanels({ endpoint }: { endpoint: EndpointInfo }) {
  return (
    <>
      <TlsPanel endpoint={endpoint} />
      <RelayPanel endpoint={endpoint} />
    </>
  );
}
