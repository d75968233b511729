import { z } from 'zod';
import { endpointInfo } from '../endpoint';
import { id } from '../fields';
import {
  multicastGroup,
  multicastTtl,
  networkInterface,
  networkInterfaceInfo,
  unicastTtl,
} from '../udp';

const membershipRequest = z.strictObject({
  endpointId: id,
  group: multicastGroup,
  /** A name (`lo`), an IPv4 address of it, or an IPv6 scope (`::%lo`); empty: the system's choice. */
  iface: networkInterface.optional(),
});

/**
 * UDP beyond sending (a chosen destination is `sendPayload`'s `to`):
 * multicast, socket options, interfaces.
 */
export const udpOperations = {
  joinGroup: { request: membershipRequest, result: endpointInfo },
  leaveGroup: { request: membershipRequest, result: endpointInfo },
  /** Changes socket options live; fields left out stay as they are. */
  setUdpOptions: {
    request: z.strictObject({
      endpointId: id,
      broadcast: z.boolean().optional(),
      ttl: unicastTtl.optional(),
      multicastTtl: multicastTtl.optional(),
      multicastLoopback: z.boolean().optional(),
      multicastInterface: networkInterface.optional(),
    }),
    result: endpointInfo,
  },
  /** The machine's interfaces and addresses, to bind to or join groups on. */
  listInterfaces: {
    request: z.strictObject({}),
    result: z.array(networkInterfaceInfo),
  },
} as const;
