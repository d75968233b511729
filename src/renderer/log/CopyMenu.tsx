import { useEffect, useRef } from 'react';
import { copyAs, type CopyFormat } from '../../shared/bytes/copy-formats';
import { msg } from '../../shared/messages/catalogue';
import { useT } from '../i18n/i18n';
import { READ_MAX } from '../store/log-pages/byte-pager';
import { addNotice } from '../store/store';
import { MenuButton } from './MenuButton';

export const COPY_FORMATS: CopyFormat[] = ['hex', 'c-array', 'python', 'base64', 'escaped'];

class ClipboardRefused extends Error {}

/** Puts text on the clipboard; the old execCommand path where the API is refused. */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new ClipboardRefused();
  }
}

/** Says that a copy took only the first READ_MAX bytes of what was selected. */
export function sayCopyCut(): void {
  addNotice({
    level: 'info',
    endpointId: null,
    message: msg('window.copy-cut', { size: READ_MAX }),
  });
}

export async function copyBytes(bytes: Uint8Array, format: CopyFormat): Promise<void> {
  try {
    await writeClipboard(copyAs(format, bytes));
  } catch (err) {
    const message =
      err instanceof ClipboardRefused
        ? msg('window.clipboard-refused', {})
        : msg('app.failed', { detail: (err as Error).message });
    addNotice({ level: 'error', endpointId: null, message });
  }
}

/** The formats as menu items, for a button's menu or a context menu. */
/** Bytes to copy: at once, or read from the main process first (a selection of rows). */
export type BytesToCopy = () => Uint8Array | null | Promise<Uint8Array | null>;

/** Copies what `bytes` gives, once it has it. */
async function copyWhenRead(bytes: BytesToCopy, format: CopyFormat): Promise<void> {
  const b = await bytes();
  if (b) await copyBytes(b, format);
}

export function CopyMenuItems({ bytes, onDone }: { bytes: BytesToCopy; onDone(): void }) {
  const { t } = useT();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div role="menu" className="menu" onKeyDown={(e) => e.key === 'Escape' && onDone()}>
      {COPY_FORMATS.map((f, i) => (
        <button
          key={f}
          ref={i === 0 ? first : undefined}
          type="button"
          role="menuitem"
          onClick={() => {
            void copyWhenRead(bytes, f);
            onDone();
          }}
        >
          {t(`copy.${f}`)}
        </button>
      ))}
    </div>
  );
}

/** A "Copy as" button whose menu copies the given bytes in the chosen format. */
export function CopyButton({
  bytes,
  disabled,
  label,
}: {
  bytes: BytesToCopy;
  disabled: boolean;
  label?: string;
}) {
  const { t } = useT();
  return (
    <MenuButton label={label ?? t('copy.button')} disabled={disabled}>
      {(close) => <CopyMenuItems bytes={bytes} onDone={close} />}
    </MenuButton>
  );
}
