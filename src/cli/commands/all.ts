import type { Command } from './command';
import { connectCommand } from './connect';
import { listenCommand } from './listen';
import { relayCommand } from './relay';
import { runCommand } from './run';
import { sendCommand } from './send';
import { serveCommand } from './serve';

/** Every command, in the order `wirebench --help` lists them. */
export const COMMANDS: readonly Command[] = [
  listenCommand,
  connectCommand,
  sendCommand,
  runCommand,
  relayCommand,
  serveCommand,
];
