import { useId, type ReactNode } from 'react';
import { CHECKSUMS, getChecksum, type ChecksumId } from '../../shared/payload/checksums/catalogue';
import { TEXT_ENCODINGS, type TextEncodingName } from '../../shared/payload/encodings';
import type {
  ChecksumSpec,
  LineEnding,
  PayloadMode,
  PayloadSpec,
} from '../../shared/payload/payload-spec';
import { useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';

const LINE_ENDINGS: LineEnding[] = ['none', 'lf', 'cr', 'crlf'];

/**
 * Everything about a payload except its content: the mode, how text is
 * encoded, and what is appended. Each control has a visible label, which is
 * also its accessible name.
 */
export function PayloadOptions({
  spec,
  onMode,
  onChange,
  checksumProblem,
}: {
  spec: PayloadSpec;
  onMode(mode: PayloadMode): void;
  onChange(next: PayloadSpec): void;
  checksumProblem: string | null;
}) {
  const { t } = useT();
  const name = useId();
  const c = spec.checksum;
  const algorithm = c.id === 'none' ? null : getChecksum(c.id);
  const setChecksum = (patch: Partial<ChecksumSpec>): void =>
    onChange({ ...spec, checksum: { ...c, ...patch } });

  return (
    <div className="payload-options">
      <div role="radiogroup" aria-label={t('mode')} className="payload-modes">
        {(['text', 'hex'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name={name} checked={spec.mode === m} onChange={() => onMode(m)} />
            {t(m)}
          </label>
        ))}
      </div>
      <Inline label={t('payload.encoding')}>
        {(id) => (
          <select
            id={id}
            value={spec.encoding}
            onChange={(e) => onChange({ ...spec, encoding: e.target.value as TextEncodingName })}
          >
            {TEXT_ENCODINGS.map((enc) => (
              <option key={enc.name} value={enc.name}>
                {enc.label}
              </option>
            ))}
          </select>
        )}
      </Inline>
      {spec.mode === 'text' && (
        <CheckField
          label={t('payload.escapes')}
          checked={spec.escapes}
          onChange={(on) => onChange({ ...spec, escapes: on })}
        />
      )}
      <Inline label={t('payload.lineEnding')}>
        {(id) => (
          <select
            id={id}
            value={spec.lineEnding}
            onChange={(e) => onChange({ ...spec, lineEnding: e.target.value as LineEnding })}
          >
            {LINE_ENDINGS.map((eol) => (
              <option key={eol} value={eol}>
                {t(`payload.eol.${eol}`)}
              </option>
            ))}
          </select>
        )}
      </Inline>
      <Inline label={t('payload.checksum')}>
        {(id) => (
          <select
            id={id}
            value={c.id}
            onChange={(e) => {
              const id = e.target.value as ChecksumId | 'none';
              // Each algorithm starts in the order its devices use (Modbus: low byte first).
              setChecksum({ id, order: id === 'none' ? c.order : getChecksum(id).defaultOrder });
            }}
          >
            <option value="none">{t('payload.checksum.none')}</option>
            {CHECKSUMS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Inline>
      {algorithm && (
        <>
          {algorithm.width > 1 && (
            <Inline label={t('payload.byteOrder')}>
              {(id) => (
                <select
                  id={id}
                  value={c.order}
                  onChange={(e) => setChecksum({ order: e.target.value as 'be' | 'le' })}
                >
                  <option value="be">{t('payload.order.be')}</option>
                  <option value="le">{t('payload.order.le')}</option>
                </select>
              )}
            </Inline>
          )}
          <Inline label={t('payload.rangeFrom')} hint={t('payload.rangeHint')}>
            {(id) => (
              <input
                type="number"
                id={id}
                className="range-input"
                value={c.from}
                onChange={(e) => setChecksum({ from: toInt(e.target.value) ?? 0 })}
              />
            )}
          </Inline>
          <Inline label={t('payload.rangeTo')} hint={t('payload.rangeHint')}>
            {(id) => (
              <input
                type="number"
                id={id}
                className="range-input"
                value={c.to ?? ''}
                onChange={(e) => setChecksum({ to: toInt(e.target.value) })}
              />
            )}
          </Inline>
          {spec.lineEnding !== 'none' && (
            <CheckField
              label={t('payload.beforeLineEnding')}
              checked={c.beforeLineEnding}
              onChange={(on) => setChecksum({ beforeLineEnding: on })}
            />
          )}
          <Inline label={t('payload.checksumFormat')}>
            {(id) => (
              <select
                id={id}
                value={c.format}
                onChange={(e) => setChecksum({ format: e.target.value as 'binary' | 'hex-text' })}
              >
                <option value="binary">{t('payload.format.binary')}</option>
                <option value="hex-text">{t('payload.format.hex-text')}</option>
              </select>
            )}
          </Inline>
          {checksumProblem && (
            <span className="field-error" role="alert">
              {checksumProblem}
            </span>
          )}
        </>
      )}
    </div>
  );
}

function toInt(text: string): number | null {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}

/** A label beside its control, tied by id: the label alone is the control's name. */
function Inline({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <span className="inline-field" title={hint}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}
