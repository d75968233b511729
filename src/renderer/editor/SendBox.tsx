import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { EndpointInfo, Result } from '../../shared/contract';
import { encodeTextPayload } from '../../shared/payload/escapes';
import { parseHex } from '../../shared/payload/hex-parse';
import type { BytesResult } from '../../shared/payload/issues';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { addNotice } from '../store/store';

type Mode = 'text' | 'hex';

const SENDABLE = new Set(['connected', 'half-closed', 'listening', 'closed']);

/** Text or hex in, the exact bytes out: the codec is the shared one, errors block Send. */
export function SendBox({
  endpoint,
  peerId,
  sendData,
}: {
  endpoint: EndpointInfo;
  peerId: string | undefined;
  /** Replaces the plain send, e.g. UDP's send to a typed destination. */
  sendData?: (data: Uint8Array) => Promise<Result<unknown>>;
}) {
  const { t } = useT();
  const api = useApi();
  const reasonId = useId();
  const [mode, setMode] = useState<Mode>('text');
  const [source, setSource] = useState('');
  const [busy, setBusy] = useState(false);

  const encoded: BytesResult = useMemo(
    () =>
      mode === 'hex'
        ? parseHex(source)
        : encodeTextPayload(source, { encoding: 'utf-8', escapes: true }),
    [mode, source],
  );
  const noPeer = endpoint.peers.length === 0 && SENDABLE.has(endpoint.state);
  const reason = !encoded.ok
    ? (encoded.issues[0]?.message ?? 'The payload has an error')
    : encoded.bytes.byteLength === 0
      ? t('payload.empty')
      : null;

  const send = async (): Promise<void> => {
    if (!encoded.ok || reason || busy) return;
    setBusy(true);
    const result = await (sendData
      ? sendData(encoded.bytes)
      : api.send({ endpointId: endpoint.id, peerId, data: encoded.bytes }));
    setBusy(false);
    if (!result.ok)
      addNotice({ level: 'error', endpointId: endpoint.id, message: result.error.message });
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <section className="send-box" aria-label={t('send')}>
      <div className="send-options" role="radiogroup" aria-label={t('mode')}>
        {(['text', 'hex'] as const).map((m) => (
          <label key={m} className="radio">
            <input
              type="radio"
              name={`mode-${endpoint.id}`}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {t(m)}
          </label>
        ))}
        <span className="muted">{t('sendHint')}</span>
        {encoded.ok && encoded.bytes.byteLength > 0 && (
          <span className="muted">{encoded.bytes.byteLength} B</span>
        )}
      </div>
      <textarea
        aria-label={t('payload')}
        className="payload-input"
        value={source}
        spellCheck={false}
        onChange={(e) => setSource(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={!encoded.ok}
        aria-describedby={reason ? reasonId : undefined}
        rows={3}
      />
      <div className="send-actions">
        {reason && source !== '' && (
          <span id={reasonId} className="field-error">
            {reason}
          </span>
        )}
        {noPeer && <span className="muted">{t('noPeers')}</span>}
        <button
          type="button"
          className="primary"
          onClick={send}
          disabled={Boolean(reason) || busy}
          title={reason ?? t('sendHint')}
        >
          {busy ? t('sending') : t('send')}
        </button>
      </div>
    </section>
  );
}
