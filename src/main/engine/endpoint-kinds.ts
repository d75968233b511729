import type { EndpointSpec } from '../../shared/contract';
import type { Endpoint, EndpointContext } from './endpoint';
import { RelayEndpoint } from './relay/relay';
import { TcpClientEndpoint } from './tcp/tcp-client';
import { TcpServerEndpoint } from './tcp/tcp-server';
import { TlsClientEndpoint } from './tls/tls-client';
import { TlsServerEndpoint } from './tls/tls-server';
import { UdpEndpoint } from './udp/udp-endpoint';

/** The endpoint class for each kind a spec can name (not opened yet). */
export function createEndpoint(id: string, spec: EndpointSpec, ctx: EndpointContext): Endpoint {
  switch (spec.kind) {
    case 'tcp-server':
      return new TcpServerEndpoint(id, spec, ctx);
    case 'tcp-client':
      return new TcpClientEndpoint(id, spec, ctx);
    case 'udp':
      return new UdpEndpoint(id, spec, ctx);
    case 'tls-client':
      return new TlsClientEndpoint(id, spec, ctx);
    case 'tls-server':
      return new TlsServerEndpoint(id, spec, ctx);
    case 'relay':
      return new RelayEndpoint(id, spec, ctx);
  }
}
