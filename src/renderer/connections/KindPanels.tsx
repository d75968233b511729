import type { EndpointInfo } from '../../shared/contract';
import { RelayPanel } from './relay/RelayPanel';
import { TlsPanel } from './tls/TlsPanel';

/** The TLS and relay parts of a connection tab; nothing for other kinds. */
export function KindPanels({ endpoint }: { endpoint: EndpointInfo }) {
  return (
    <>
      <TlsPanel endpoint={endpoint} />
      <RelayPanel endpoint={endpoint} />
    </>
  );
}
