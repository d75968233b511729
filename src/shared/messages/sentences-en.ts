import { sentences } from './catalogue';
import { automationSentencesEn } from './sentences-automation';

export const sentencesEn = sentences({
  ...automationSentencesEn,
  'socket.address-in-use': 'Port {port} on {host} is already in use',
  'socket.refused': 'Connection to {where} was refused: nothing is listening there',
  'socket.timed-out': 'Connection to {where} timed out after {timeoutMs}',
});
