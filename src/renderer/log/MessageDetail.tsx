import { formatTime } from '../i18n/format-time';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { usePeerName } from '../store/selectors';
import { messageSource, updateLogUi } from '../store/store';
import { CopyButton } from './CopyMenu';
import { HexDump } from './HexDump';
import { selectedBytes } from './selection';
import type { LogModel } from './use-log-model';

/** Under the Messages table: the selected message in hex, to copy or open in the Hex view. */
export function MessageDetail({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const peerName = usePeerName();
  const m = model.ui.selected === null ? undefined : model.log.at(model.ui.selected);
  if (!m) return null;
  const source = messageSource(m.data);
  return (
    <div className="message-detail">
      <div className="view-bar">
        <span className={`dir dir-${m.dir}`}>{m.dir === 'rx' ? 'RX' : 'TX'}</span>
        <span className="mono">{formatTime(m.time)}</span>
        <span className="mono">{peerName(m.peerId)}</span>
        <span>{t('log.totalBytes', { n: formatCount(m.data.length) })}</span>
        {m.error && <span className="warning-text">{describe(m.error)}</span>}
        <span className="spacer" />
        <CopyButton bytes={() => selectedBytes(model)} disabled={false} />
        <button
          type="button"
          onClick={() => updateLogUi(endpointId, { view: 'hex', source: 'message' })}
        >
          {t('log.openInHex')}
        </button>
      </div>
      <HexDump
        source={source}
        sourceKey={m.data}
        spans={model.filter.find ? model.filter.find(m.data) : []}
        label={t('log.selectedHex')}
      />
    </div>
  );
}
