import { useEffect, useState } from 'react';
import type { NetworkInterfaceInfo } from '../../../shared/contract/udp';
import { useApi } from '../../api/api-context';

let cached: NetworkInterfaceInfo[] | null = null;

/** The machine's interfaces, asked once per window (they rarely change while it is open). */
export function useNetworkInterfaces(): NetworkInterfaceInfo[] {
  const api = useApi();
  const [list, setList] = useState<NetworkInterfaceInfo[]>(cached ?? []);
  useEffect(() => {
    if (cached) return;
    let live = true;
    void api.listInterfaces({}).then((r) => {
      if (!r.ok) return;
      cached = r.value;
      if (live) setList(r.value);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return list;
}

/** Interface names that have an address of the family (an IPv6 group is joined by name). */
export function interfaceNames(list: NetworkInterfaceInfo[], family: 'IPv4' | 'IPv6'): string[] {
  return [...new Set(list.filter((i) => i.family === family).map((i) => i.name))];
}
