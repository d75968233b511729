import crypto, { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateSelfSigned, type GeneratedCertificate } from './self-signed';

/** A generated certificate is replaced when it has less than this left. */
const RENEW_BEFORE_MS = 7 * 86_400_000;

/** Certificates generated in this process when there is no data dir. */
const inMemory = new Map<string, GeneratedCertificate>();

function usable(cert: string): boolean {
  try {
    return Date.parse(new X509Certificate(cert).validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}

/**
 * The self-signed certificate for a set of names: the one generated before
 * (so a device that pinned it keeps trusting it), or a new one, kept in
 * `<dataDir>/tls/` with the key readable only by this user.
 */
export async function selfSignedFor(
  names: string[],
  dataDir: string | null,
): Promise<GeneratedCertificate & { reused: boolean }> {
  const tag = crypto
    .createHash('sha256')
    .update([...names].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  if (!dataDir) {
    const kept = inMemory.get(tag);
    if (kept && usable(kept.cert)) return { ...kept, reused: true };
    const made = generateSelfSigned(names);
    inMemory.set(tag, made);
    return { ...made, reused: false };
  }
  const dir = path.join(dataDir, 'tls');
  const certPath = path.join(dir, `self-signed-${tag}.crt.pem`);
  const keyPath = path.join(dir, `self-signed-${tag}.key.pem`);
  const [cert, key] = await Promise.all([
    readFile(certPath, 'utf8').catch(() => null),
    readFile(keyPath, 'utf8').catch(() => null),
  ]);
  if (cert && key && usable(cert)) return { cert, key, reused: true };
  const made = generateSelfSigned(names);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, made.key, { mode: 0o600 });
  await writeFile(certPath, made.cert, { mode: 0o644 });
  return { ...made, reused: false };
}
