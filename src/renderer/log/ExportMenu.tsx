import { useCallback, useState } from 'react';
import type { ExportFormat } from '../../shared/contract/ops/export-ops';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { report } from '../store/report';
import { ALL_PEERS } from '../store/store';
import { selectedSeqRange } from './selection';
import { useDismiss } from './use-dismiss';
import type { LogModel } from './use-log-model';

const FORMATS: ExportFormat[] = ['text', 'csv', 'jsonl', 'pcapng'];

/** Saves bytes as a file through the browser's download (works in Electron's window too). */
export function download(data: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The "Export" button: the main process builds the file from its capture
 * log (everything still held, not only what this window received), limited
 * to the view's direction and peer filters, and to the selection on request.
 */
export function ExportMenu({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [onlySelection, setOnlySelection] = useState(false);
  const [busy, setBusy] = useState(false);
  const range = selectedSeqRange(model);
  const close = useCallback(() => setOpen(false), []);
  const ref = useDismiss<HTMLSpanElement>(open, close);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    setBusy(true);
    const f = model.ui.filter;
    const floor = model.log.floor;
    const result = await report(
      api.exportLog({
        endpointId,
        format,
        ...(f.dir !== 'all' ? { dir: f.dir } : {}),
        ...(f.peerId !== ALL_PEERS ? { peerId: f.peerId } : {}),
        ...(onlySelection && range ? range : floor >= 0 ? { fromSeq: floor + 1 } : {}),
      }),
      endpointId,
    );
    setBusy(false);
    if (!result.ok) return;
    download(result.value.data, result.value.fileName, result.value.mimeType);
  };

  return (
    <span className="menu-anchor" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy}
        onClick={() => setOpen((o) => !o)}
      >
        {busy ? t('export.busy') : t('export.button')}
      </button>
      {open && (
        <div
          role="menu"
          className="menu menu-right"
          aria-label={t('export.button')}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <label className="inline-field menu-option">
            <input
              type="checkbox"
              checked={onlySelection && range !== null}
              disabled={range === null}
              onChange={(e) => setOnlySelection(e.target.checked)}
            />
            {t('export.onlySelection')}
          </label>
          {FORMATS.map((format) => (
            <button key={format} type="button" role="menuitem" onClick={() => void run(format)}>
              {t(`export.${format}`)}
            </button>
          ))}
        </div>
      )}
    </span>
  );
}
