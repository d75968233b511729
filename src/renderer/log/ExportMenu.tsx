import { useState } from 'react';
import type { ExportFormat } from '../../shared/contract/ops/export-ops';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { report } from '../store/report';
import { ALL_PEERS, selectedRange } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { selectedSeqRange } from './selection';
import { MenuButton } from './MenuButton';
import { download } from '../ui/download';
import type { LogModel } from './use-log-model';

const FORMATS: ExportFormat[] = ['text', 'csv', 'jsonl', 'pcapng'];

/**
 * The "Export" button: the main process builds the file from its capture
 * log (everything still held, not only what this window received), limited
 * to the view's direction and peer filters, and to the selection on request.
 */
export function ExportMenu({ model }: { model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const endpointId = model.endpointId;
  const [onlySelection, setOnlySelection] = useState(false);
  const [busy, setBusy] = useState(false);
  const selected = selectedRange(model.ui) !== null;

  const run = async (format: ExportFormat) => {
    setBusy(true);
    const f = model.ui.filter;
    const cleared = model.ui.clearedAt;
    const range = onlySelection && selected ? await selectedSeqRange(api, model) : null;
    const result = await report(
      api.exportLog({
        endpointId,
        format,
        ...(f.dir !== 'all' ? { dir: f.dir } : {}),
        ...(f.peerId !== ALL_PEERS ? { peerId: f.peerId } : {}),
        ...(range ? range : cleared !== null ? { fromSeq: cleared + 1 } : {}),
      }),
      endpointId,
    );
    setBusy(false);
    if (!result.ok) return;
    download(result.value.data, result.value.fileName, result.value.mimeType);
  };

  return (
    <MenuButton label={busy ? t('export.busy') : t('export.button')} disabled={busy}>
      {(close) => (
        <div
          role="menu"
          className="menu menu-right"
          aria-label={t('export.button')}
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <CheckField
            label={t('export.onlySelection')}
            checked={onlySelection && selected}
            disabled={!selected}
            onChange={setOnlySelection}
            className="inline-field menu-option"
          />
          {FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                void run(format);
              }}
            >
              {t(`export.${format}`)}
            </button>
          ))}
        </div>
      )}
    </MenuButton>
  );
}
