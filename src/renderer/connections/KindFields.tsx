import { useEffect } from 'react';
import type { EndpointKind } from '../../shared/contract';
import { NO_EXTRA, type KindExtra } from './kind-extra';
import { RelayFields } from './relay/RelayFields';
import { TlsClientFields, TlsServerFields } from './tls/TlsFields';

export { NO_EXTRA, type KindExtra } from './kind-extra';

/** The fields a TLS or relay kind adds to "New connection"; nothing for the TCP kinds. */
export function KindFields({
  kind,
  onChange,
}: {
  kind: EndpointKind;
  onChange: (extra: KindExtra) => void;
}) {
  useEffect(() => {
    if (kind !== 'tls-client' && kind !== 'tls-server' && kind !== 'relay') onChange(NO_EXTRA);
  }, [kind, onChange]);
  if (kind === 'tls-client') return <TlsClientFields onChange={onChange} />;
  if (kind === 'tls-server') return <TlsServerFields onChange={onChange} />;
  if (kind === 'relay') return <RelayFields onChange={onChange} />;
  return null;
}
