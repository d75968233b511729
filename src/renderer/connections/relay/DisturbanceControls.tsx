import { useState } from 'react';
import type { Disturbance, EndpointInfo, RelayDirection } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { formatBytes, formatCount, useT } from '../../i18n/i18n';
import { report } from '../../store/report';
import { CheckField } from '../../ui/CheckField';
import { InlineInput, SelectField } from '../../ui/Field';

const SPLITS: Disturbance['split'][] = ['none', 'pieces', 'bytes'];

/** A number box that keeps what is typed and reports only whole numbers in range. */
function NumberBox({
  label,
  value,
  min,
  max,
  onValue,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onValue: (n: number) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);
  const valid = (typed: string): boolean => {
    const n = Number(typed);
    return typed.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  };
  return (
    <InlineInput
      label={label}
      type="number"
      min={min}
      max={max}
      value={text}
      aria-invalid={!valid(text)}
      onChange={(e) => {
        setDraft(e.target.value);
        if (valid(e.target.value)) onValue(Number(e.target.value));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

/**
 * One direction's disturbance, applied the moment a control changes, plus
 * the one-shot half-close and reset toward that direction's receiver.
 */
export function DisturbanceControls({
  endpoint,
  direction,
  peerId,
}: {
  endpoint: EndpointInfo;
  direction: RelayDirection;
  peerId: string | null;
}) {
  const { t } = useT();
  const api = useApi();
  const current = endpoint.relay?.disturbances[direction];
  if (!current) return null;
  const udp = endpoint.spec.kind === 'relay' && endpoint.spec.mode === 'udp';
  const udpInfo = endpoint.relay?.udp;
  const label = t(`relay.${direction}`);

  const change = async (disturbance: Partial<Disturbance>): Promise<void> => {
    await report(
      api.setRelayDisturbance({ endpointId: endpoint.id, direction, disturbance }),
      endpoint.id,
    );
  };
  const act = async (action: 'half-close' | 'reset'): Promise<void> => {
    if (!peerId) return;
    await report(
      api.relayAction({ endpointId: endpoint.id, peerId, direction, action }),
      endpoint.id,
    );
  };

  return (
    <fieldset className="relay-direction" aria-label={`${t('relay.disturbances')} ${label}`}>
      <legend>{label}</legend>
      <NumberBox
        label={t('relay.latency')}
        value={current.latencyMs}
        min={0}
        max={60_000}
        onValue={(latencyMs) => void change({ latencyMs })}
      />
      {udp ? (
        <NumberBox
          label={t('relay.drop')}
          value={current.dropPercent}
          min={0}
          max={100}
          onValue={(dropPercent) => void change({ dropPercent })}
        />
      ) : (
        <CheckField
          label={t('relay.stall')}
          checked={current.stall}
          onChange={(on) => void change({ stall: on })}
        />
      )}
      <SelectField
        inline
        label={t('relay.split')}
        value={current.split}
        choices={SPLITS}
        say={(s) => t(`relay.split.${s}`)}
        onChange={(split) => void change({ split })}
      />
      {current.split === 'pieces' && (
        <NumberBox
          label={t('relay.pieces')}
          value={current.pieces}
          min={2}
          max={1024}
          onValue={(pieces) => void change({ pieces })}
        />
      )}
      {current.split !== 'none' && (
        <NumberBox
          label={t('relay.gap')}
          value={current.pieceGapMs}
          min={0}
          max={10_000}
          onValue={(pieceGapMs) => void change({ pieceGapMs })}
        />
      )}
      {!udp && (
        <span className="relay-actions">
          <button type="button" disabled={!peerId} onClick={() => void act('half-close')}>
            {t('relay.halfClose')} {label}
          </button>
          <button type="button" disabled={!peerId} onClick={() => void act('reset')}>
            {t('relay.reset')} {label}
          </button>
        </span>
      )}
      {(endpoint.relay?.dropped[direction] ?? 0) > 0 && (
        <span className="muted">
          {t('relay.dropped', { count: formatCount(endpoint.relay?.dropped[direction] ?? 0) })}
          {udpInfo && udpInfo.queueFull[direction] > 0 && (
            <>
              {' ('}
              {t('relay.queueFull', {
                count: formatCount(udpInfo.queueFull[direction]),
                queue: formatBytes(udpInfo.queueLimitBytes),
              })}
              {')'}
            </>
          )}
        </span>
      )}
    </fieldset>
  );
}
