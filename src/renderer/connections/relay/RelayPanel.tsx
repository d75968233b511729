import { useCallback, useMemo, useState } from 'react';
import type { EndpointInfo, PeerInfo, RelayDirection } from '../../../shared/contract';
import { formatHostPort } from '../../../shared/net/address';
import { encodeTextPayload } from '../../../shared/payload/escapes';
import { parseHex } from '../../../shared/payload/hex-parse';
import { useApi } from '../../api/api-context';
import { describe } from '../../i18n/describe';
import { formatBytes, formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { peersOf, useWorkbench } from '../../store/store';
import { PeerPicker } from '../PeerPicker';
import { DisturbanceControls } from './DisturbanceControls';
import '../tls/tls.css';
import './relay.css';

const DIRECTIONS: RelayDirection[] = ['device-to-server', 'server-to-device'];

/**
 * The relay's controls: which conversation, each direction's disturbance,
 * and bytes to inject into either direction (text with escapes, or hex,
 * through the shared payload codec).
 */
export function RelayPanel({ endpoint }: { endpoint: EndpointInfo }) {
  const { t } = useT();
  const api = useApi();
  const [chosen, setChosen] = useState<string | null>(null);
  const [mode, setMode] = useState<'text' | 'hex'>('text');
  const [source, setSource] = useState('');
  const peers = useWorkbench((s) => peersOf(s, endpoint.id));
  const describe = useCallback(
    (p: PeerInfo) =>
      formatHostPort(p.address, p.port) +
      (p.relay?.upstream
        ? ` (${t('relay.upstream', { address: formatHostPort(p.relay.upstream.address, p.relay.upstream.port) })})`
        : ''),
    [t],
  );
  if (!endpoint.relay) return null;
  const list = peers.rows.list();
  const peerId = chosen && peers.rows.get(chosen) ? chosen : (list.at(-1)?.id ?? null);

  return (
    <section className="relay-panel" aria-label={t('relay.disturbances')}>
      <div className="relay-inject">
        {list.length === 0 ? (
          <span className="muted">
            {t('relay.conversation')}: {t('relay.noConversation')}
          </span>
        ) : (
          <PeerPicker
            label={t('relay.conversation')}
            peers={peers}
            value={peerId}
            onChange={setChosen}
            describe={describe}
          />
        )}
      </div>
      <div className="relay-directions">
        {DIRECTIONS.map((d) => (
          <DisturbanceControls key={d} endpoint={endpoint} direction={d} peerId={peerId} />
        ))}
      </div>
      {endpoint.relay.udp && (
        <p className="muted relay-udp-limits">
          {t('relay.udpLimits', {
            sessions: formatCount(endpoint.relay.udp.sessions),
            max: formatCount(endpoint.relay.udp.maxSessions),
            idle: formatCount(endpoint.relay.udp.idleTimeoutMs / 1000),
            expired: formatCount(endpoint.relay.udp.expired),
            queue: formatBytes(endpoint.relay.udp.queueLimitBytes),
          })}
        </p>
      )}
      <InjectBox
        mode={mode}
        source={source}
        onMode={setMode}
        onSource={setSource}
        disabled={!peerId}
        onInject={async (direction, data) => {
          if (!peerId) return;
          await report(
            api.relayInject({ endpointId: endpoint.id, peerId, direction, data }),
            endpoint.id,
          );
        }}
      />
    </section>
  );
}

function InjectBox({
  mode,
  source,
  onMode,
  onSource,
  disabled,
  onInject,
}: {
  mode: 'text' | 'hex';
  source: string;
  onMode: (m: 'text' | 'hex') => void;
  onSource: (s: string) => void;
  disabled: boolean;
  onInject: (direction: RelayDirection, data: Uint8Array) => Promise<void>;
}) {
  const { t } = useT();
  const encoded = useMemo(
    () =>
      mode === 'hex'
        ? parseHex(source)
        : encodeTextPayload(source, { encoding: 'utf-8', escapes: true }),
    [mode, source],
  );
  const firstIssue = encoded.ok ? undefined : encoded.issues[0];
  const problem = firstIssue
    ? describe(firstIssue.message)
    : encoded.ok && encoded.bytes.byteLength === 0
      ? t('payload.empty')
      : null;
  return (
    <div className="relay-inject">
      <span role="radiogroup" aria-label={`${t('relay.inject')} ${t('mode')}`}>
        {(['text', 'hex'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" checked={mode === m} onChange={() => onMode(m)} />
            {t(m)}
          </label>
        ))}
      </span>
      <input
        type="text"
        aria-label={t('relay.injectPayload')}
        value={source}
        spellCheck={false}
        aria-invalid={Boolean(problem && source)}
        title={problem ?? undefined}
        onChange={(e) => onSource(e.target.value)}
      />
      {DIRECTIONS.map((d) => (
        <button
          key={d}
          type="button"
          disabled={disabled || Boolean(problem) || !encoded.ok}
          onClick={() => encoded.ok && void onInject(d, encoded.bytes)}
        >
          {t('relay.inject')} {t(`relay.${d}`)}
        </button>
      ))}
      {problem && source && <span className="field-error">{problem}</span>}
    </div>
  );
}
