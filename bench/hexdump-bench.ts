/**
 * Formats a file with the shared hexdump formatter (hexdumpBlocks), the way
 * the Hex view and the text export do, and prints MB/s as JSON.
 */
import { readFileSync } from 'node:fs';
import { hexdumpBlocks } from '../src/shared/bytes/hexdump';

const file = process.argv[2]!;
const data = new Uint8Array(readFileSync(file));
const start = performance.now();
let chars = 0;
for (const block of hexdumpBlocks(data, { squeeze: false })) chars += block.length;
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, bytes: data.length, chars }));
