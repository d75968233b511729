import { useState } from 'react';
import type { Direction } from '../../shared/contract';
import { formatCount, useT } from '../i18n/i18n';
import { updateLogUi } from '../store/store';
import { SelectField } from '../ui/Field';
import { READ_MAX } from '../store/log-pages/byte-pager';
import { CopyButton, sayCopyCut } from './CopyMenu';
import { HexDump, type ByteRange } from './HexDump';
import type { LogModel } from './use-log-model';
import { useMatchSpans, useViewSource } from './use-view-bytes';

const SOURCES: ReadonlyArray<'message' | Direction> = ['message', 'rx', 'tx'];

export function SourcePicker({ model }: { model: LogModel }) {
  const { t } = useT();
  return (
    <SelectField
      inline
      label={t('log.show')}
      value={model.ui.source}
      choices={SOURCES}
      say={(source) => t(`log.source.${source}`)}
      onChange={(source) => updateLogUi(model.endpointId, { source })}
    />
  );
}

/**
 * The Hex view: `hexdump -C` of the selected message or of a direction's
 * whole stream as the capture log holds it, with Find's matches marked and
 * copy of a selection (or of everything, up to a limit).
 */
export function HexView({ model }: { model: LogModel }) {
  const { t } = useT();
  const { pager: source, key } = useViewSource(model);
  const [range, setRange] = useState<ByteRange | null>(null);
  const message = model.ui.source === 'message';
  const { spans, reveal } = useMatchSpans(model, message ? model.selectedRow : null);
  const bytes = () => {
    if (!source) return null;
    const from = range ? source.origin + range.start : source.start;
    const to = range ? source.origin + range.end : source.end;
    if (to - from > READ_MAX) sayCopyCut();
    return source.read(from, to);
  };
  const length = source ? source.end - source.start : 0;

  return (
    <div className="view-hex">
      <div className="view-bar">
        <SourcePicker model={model} />
        <span className="muted">
          {source
            ? range
              ? t('log.selectionBytes', {
                  n: formatCount(range.end - range.start),
                  from: range.start.toString(16),
                })
              : t('log.totalBytes', { n: formatCount(length) })
            : t('log.selectMessage')}
        </span>
        <span className="spacer" />
        <CopyButton
          bytes={bytes}
          disabled={!source || length === 0}
          label={range ? t('copy.selection') : t('copy.button')}
        />
      </div>
      {source ? (
        <HexDump
          source={source}
          sourceKey={key}
          spans={spans}
          reveal={reveal}
          follow={!message && model.ui.pausedAt === null}
          label={t('log.hexdump')}
          onSelection={setRange}
        />
      ) : (
        <p className="muted view-empty">{t('log.selectMessage')}</p>
      )}
    </div>
  );
}
