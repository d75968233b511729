import { useMemo, useState } from 'react';
import type { Direction } from '../../shared/contract';
import { formatCount, useT } from '../i18n/i18n';
import { messageSource, updateLogUi, type ByteSource } from '../store/store';
import { CopyButton } from './CopyMenu';
import { HexDump, type ByteRange } from './HexDump';
import type { LogModel } from './use-log-model';

/** The bytes the Hex and Text views show: the selected message or one direction's stream. */
export function useViewSource(model: LogModel): ByteSource | null {
  const { ui, log, streams } = model;
  const message = ui.selected === null ? undefined : log.at(ui.selected);
  const data = message?.data;
  const messageBytes = useMemo(() => (data ? messageSource(data) : null), [data]);
  // The store builds and feeds the stream once the view asks for it (updateLogUi).
  return ui.source === 'message' ? messageBytes : (streams[ui.source] ?? null);
}

export function SourcePicker({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  return (
    <label className="inline-field">
      {t('log.show')}
      <select
        aria-label={t('log.show')}
        value={model.ui.source}
        onChange={(e) =>
          updateLogUi(endpointId, { source: e.target.value as 'message' | Direction })
        }
      >
        <option value="message">{t('log.source.message')}</option>
        <option value="rx">{t('log.source.rx')}</option>
        <option value="tx">{t('log.source.tx')}</option>
      </select>
    </label>
  );
}

/** The Hex view: `hexdump -C` of the selected message or a whole direction, with copy. */
export function HexView({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const source = useViewSource(model);
  const [range, setRange] = useState<ByteRange | null>(null);
  const message = model.ui.selected === null ? undefined : model.log.at(model.ui.selected);
  const spans =
    source && model.ui.source === 'message' && message && model.filter.find
      ? model.filter.find(message.data)
      : [];
  const bytes = () =>
    source ? (range ? source.slice(range.start, range.end) : source.slice(0, source.length)) : null;

  return (
    <div className="view-hex">
      <div className="view-bar">
        <SourcePicker endpointId={endpointId} model={model} />
        <span className="muted">
          {source
            ? range
              ? t('log.selectionBytes', {
                  n: formatCount(range.end - range.start),
                  from: (source.offset + range.start).toString(16),
                })
              : t('log.totalBytes', { n: formatCount(source.length) })
            : t('log.selectMessage')}
        </span>
        <span className="spacer" />
        <CopyButton
          bytes={bytes}
          disabled={!source || source.length === 0}
          label={range ? t('copy.selection') : t('copy.button')}
        />
      </div>
      {source ? (
        <HexDump
          source={source}
          sourceKey={model.ui.source === 'message' ? message?.data : source}
          spans={spans}
          follow={model.ui.source !== 'message' && model.ui.pausedAt === null}
          label={t('log.hexdump')}
          onSelection={setRange}
        />
      ) : (
        <p className="muted view-empty">{t('log.selectMessage')}</p>
      )}
    </div>
  );
}
