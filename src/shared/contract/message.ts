import { z } from 'zod';
import { catalogue, isMessageCode, type MessageRef } from '../messages/catalogue';

/**
 * A message as it crosses the bridge: a catalogue code and its values, each
 * of the kind the catalogue says. The window turns it into a sentence.
 */
export const messageRef = z.custom<MessageRef>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  if (!isMessageCode(code) || typeof params !== 'object' || params === null) return false;
  const kinds: Record<string, string> = catalogue[code];
  const given = params as Record<string, unknown>;
  return Object.entries(kinds).every(([name, kind]) =>
    kind === 'text' ? typeof given[name] === 'string' : typeof given[name] === 'number',
  );
}, 'Not a message of the catalogue');
