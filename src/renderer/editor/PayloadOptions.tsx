import { useId } from 'react';
import {
  CHECKSUMS,
  getChecksum,
  type ByteOrder,
  type ChecksumId,
} from '../../shared/payload/checksums/catalogue';
import type {
  ChecksumSpec,
  LineEnding,
  PayloadMode,
  PayloadSpec,
} from '../../shared/payload/payload-spec';
import { useT } from '../i18n/i18n';
import { CheckField } from '../ui/CheckField';
import { EncodingField } from '../ui/EncodingField';
import { InlineInput, SelectField } from '../ui/Field';

const LINE_ENDINGS: LineEnding[] = ['none', 'lf', 'cr', 'crlf'];
const CHECKSUM_CHOICES: ReadonlyArray<ChecksumId | 'none'> = [
  'none',
  ...CHECKSUMS.map((a) => a.id),
];
const BYTE_ORDERS: ByteOrder[] = ['be', 'le'];
const CHECKSUM_FORMATS: ChecksumSpec['format'][] = ['binary', 'hex-text'];

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
      <EncodingField
        label={t('payload.encoding')}
        value={spec.encoding}
        onChange={(encoding) => onChange({ ...spec, encoding })}
      />
      {spec.mode === 'text' && (
        <CheckField
          label={t('payload.escapes')}
          checked={spec.escapes}
          onChange={(on) => onChange({ ...spec, escapes: on })}
        />
      )}
      <SelectField
        inline
        label={t('payload.lineEnding')}
        value={spec.lineEnding}
        choices={LINE_ENDINGS}
        say={(eol) => t(`payload.eol.${eol}`)}
        onChange={(lineEnding) => onChange({ ...spec, lineEnding })}
      />
      <SelectField
        inline
        label={t('payload.checksum')}
        value={c.id}
        choices={CHECKSUM_CHOICES}
        say={(id) => (id === 'none' ? t('payload.checksum.none') : getChecksum(id).label)}
        // Each algorithm starts in the order its devices use (Modbus: low byte first).
        onChange={(id) =>
          setChecksum({ id, order: id === 'none' ? c.order : getChecksum(id).defaultOrder })
        }
      />
      {algorithm && (
        <>
          {algorithm.width > 1 && (
            <SelectField
              inline
              label={t('payload.byteOrder')}
              value={c.order}
              choices={BYTE_ORDERS}
              say={(order) => t(`payload.order.${order}`)}
              onChange={(order) => setChecksum({ order })}
            />
          )}
          <RangeEnd
            label={t('payload.rangeFrom')}
            value={c.from}
            onChange={(from) => setChecksum({ from: from ?? 0 })}
          />
          <RangeEnd
            label={t('payload.rangeTo')}
            value={c.to}
            onChange={(to) => setChecksum({ to })}
          />
          {spec.lineEnding !== 'none' && (
            <CheckField
              label={t('payload.beforeLineEnding')}
              checked={c.beforeLineEnding}
              onChange={(on) => setChecksum({ beforeLineEnding: on })}
            />
          )}
          <SelectField
            inline
            label={t('payload.checksumFormat')}
            value={c.format}
            choices={CHECKSUM_FORMATS}
            say={(format) => t(`payload.format.${format}`)}
            onChange={(format) => setChecksum({ format })}
          />
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

/** One end of the checksum's range: a byte offset, negative from the end; empty is none. */
function RangeEnd({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange: (offset: number | null) => void;
}) {
  const { t } = useT();
  return (
    <InlineInput
      label={label}
      hint={t('payload.rangeHint')}
      type="number"
      className="range-input"
      value={value ?? ''}
      onChange={(e) => onChange(toInt(e.target.value))}
    />
  );
}
