import { z } from 'zod';
import { bytes } from '../fields';
import { msg, says } from '../message';
import { fileRef } from '../tls';

/** The largest certificate, key or bundle file accepted (real ones are a few KiB). */
export const MAX_CERT_FILE_BYTES = 1024 * 1024;

const fileName = z.string().min(1).max(255);

/**
 * Certificate and key files. The window never types a path: on the desktop
 * main shows the system's open dialog; in the browser the user uploads the
 * file and main keeps its bytes. Either way a spec names the file by id.
 */
export const tlsOperations = {
  chooseFile: {
    request: z.strictObject({
      purpose: z.enum(['certificate', 'key', 'pkcs12', 'ca']),
    }),
    /** null when the user cancelled the dialog. */
    result: fileRef.nullable(),
  },
  uploadFile: {
    request: z.strictObject({
      name: fileName,
      data: bytes.refine(
        (b) => b.byteLength <= MAX_CERT_FILE_BYTES,
        says(msg('field.certificate-file-too-big', { max: MAX_CERT_FILE_BYTES })),
      ),
    }),
    result: fileRef,
  },
} as const;
