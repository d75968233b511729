/** The payload editor's byte logic: parse, encode, convert, checksum, compose. */
export * from './issues';
export * from './hex-parse';
export * from './encodings';
export * from './escapes';
export * from './convert';
export * from './placeholders';
export * from './segments';
export * from './payload-spec';
export * from './compose';
export * from './payload-size';
export * from './checksums/catalogue';
export { makeCrc, reflectBits, type CrcParams } from './checksums/crc';
export * from './checksums/sums';
