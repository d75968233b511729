import crypto from 'node:crypto';
import { isIPv4, isIPv6 } from '../../../shared/net/address';
import {
  bitString,
  bool,
  explicit,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  tlv,
  utf8,
} from './der';

export interface GeneratedCertificate {
  cert: string;
  key: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/** An IP address as the 4 or 16 bytes of a SAN iPAddress. */
function ipBytes(text: string): Buffer {
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  const [head = '', tail = ''] = text.split('%')[0]?.split('::') ?? [];
  const groups = (part: string): number[] =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const h = groups(head);
  const t = text.includes('::') ? groups(tail) : [];
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}

function subjectAltName(names: string[]): Buffer {
  const general = names.map((name) => {
    const bare = name.replace(/^\[|\]$/g, '');
    if (isIPv4(bare) || (isIPv6(bare) && !bare.includes('.'))) return tlv(0x87, ipBytes(bare));
    return tlv(0x82, Buffer.from(name, 'ascii'));
  });
  return sequence(oid('2.5.29.17'), octetString(sequence(...general)));
}

/**
 * A self-signed ECDSA P-256 certificate for `names` (DNS names and IP
 * addresses, all in subjectAltName; the first is also the CN), valid from
 * an hour ago for `days`.
 */
export function generateSelfSigned(
  names: string[],
  days = 365,
  now = new Date(),
): GeneratedCertificate {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8(names[0] ?? 'localhost'))));
  const notBefore = new Date(now.getTime() - 3600_000);
  const notAfter = new Date(now.getTime() + days * 86_400_000);
  const extensions = sequence(
    // Not a CA: it signs nothing but itself.
    sequence(oid('2.5.29.19'), bool(true), octetString(sequence())),
    // serverAuth and clientAuth, so the same certificate serves either side.
    sequence(
      oid('2.5.29.37'),
      octetString(sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))),
    ),
    subjectAltName(names),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  const base64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
