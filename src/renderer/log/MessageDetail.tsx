import { useApi } from '../api/api-context';
import { formatTime } from '../i18n/format-time';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { usePeerName } from '../store/selectors';
import { updateLogUi } from '../store/store';
import { CopyButton } from './CopyMenu';
import { HexDump } from './HexDump';
import { selectedBytes } from './selection';
import type { LogModel } from './use-log-model';
import { rowBytesKey, useMatchSpans, useRowBytes } from './use-view-bytes';

/** Under the Messages table: the selected message in hex, to copy or open in the Hex view. */
export function MessageDetail({ model }: { model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const peerName = usePeerName();
  const m = model.selectedRow;
  const source = useRowBytes(api, model.endpointId, m);
  const { spans, reveal } = useMatchSpans(model, m);
  if (!m) return null;
  return (
    <div className="message-detail">
      <div className="view-bar">
        <span className={`dir dir-${m.dir}`}>{m.dir === 'rx' ? 'RX' : 'TX'}</span>
        <span className="mono">{formatTime(m.time)}</span>
        <span className="mono">{peerName(m.peerId)}</span>
        <span>{t('log.totalBytes', { n: formatCount(m.length) })}</span>
        {m.error && <span className="warning-text">{describe(m.error)}</span>}
        <span className="spacer" />
        <CopyButton bytes={() => selectedBytes(api, model)} disabled={false} />
        <button
          type="button"
          onClick={() => updateLogUi(model.endpointId, { view: 'hex', source: 'message' })}
        >
          {t('log.openInHex')}
        </button>
      </div>
      {source && (
        <HexDump
          source={source}
          sourceKey={rowBytesKey(model.endpointId, m)}
          spans={spans}
          reveal={reveal}
          label={t('log.selectedHex')}
        />
      )}
    </div>
  );
}
