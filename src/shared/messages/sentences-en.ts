import { sentences } from './catalogue';

export const sentencesEn = sentences({
  'socket.address-in-use': 'Port {port} on {host} is already in use',
  'socket.refused': 'Connection to {where} was refused: nothing is listening there',
  'socket.timed-out': 'Connection to {where} timed out after {timeoutMs}',
  'endpoint.already-open': '{where} is already open; close it first',
  'socket.dial-aborted': 'The connection to {where} was closed before it was established',
});
