import { useEffect } from 'react';
import type { NetworkInterfaceInfo } from '../../../shared/contract/udp';
import { useApi } from '../../api/api-context';
import { setNetworkInterfaces, useWorkbench } from '../../store/store';

const NONE: NetworkInterfaceInfo[] = [];

/** The machine's interfaces, asked once per window (they rarely change while it is open). */
export function useNetworkInterfaces(): NetworkInterfaceInfo[] {
  const api = useApi();
  const list = useWorkbench((s) => s.networkInterfaces);
  const known = list !== null;
  useEffect(() => {
    if (known) return;
    void api.listInterfaces({}).then((r) => {
      if (r.ok) setNetworkInterfaces(r.value);
    });
  }, [api, known]);
  return list ?? NONE;
}

/** Interface names that have an address of the family (an IPv6 group is joined by name). */
export function interfaceNames(list: NetworkInterfaceInfo[], family: 'IPv4' | 'IPv6'): string[] {
  return [...new Set(list.filter((i) => i.family === family).map((i) => i.name))];
}
