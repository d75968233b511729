import { useState } from 'react';
import {
  framingSpec,
  type FramingMode,
  type FramingSpec,
  type FramingSpecInput,
} from '../../shared/framing/framing-spec';
import { msg, type MessageRef } from '../../shared/messages/catalogue';
import { requestIssues } from '../../shared/messages/request-issues';
import { describe } from '../i18n/describe';
import { formatCount, useT } from '../i18n/i18n';
import { updateLogUi } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { Choices, InlineInput, SelectField } from '../ui/Field';
import type { LogModel } from './use-log-model';

const MODES: FramingMode[] = ['raw', 'delimiter', 'fixed', 'length-prefix', 'idle'];

/** A form's draft for every mode at once, so switching modes keeps what was typed. */
interface Draft {
  mode: FramingMode;
  delimiter: string;
  delimiterFormat: 'text' | 'hex';
  keepDelimiter: boolean;
  length: string;
  offset: string;
  size: '1' | '2' | '4';
  endian: 'big' | 'little';
  includesHeader: boolean;
  adjustment: string;
  gapMs: string;
}

const INITIAL: Draft = {
  mode: 'raw',
  delimiter: '\\r\\n',
  delimiterFormat: 'text',
  keepDelimiter: true,
  length: '8',
  offset: '0',
  size: '2',
  endian: 'big',
  includesHeader: false,
  adjustment: '0',
  gapMs: '50',
};

/** The form for a spec already applied (e.g. when the panel is shown again). */
function fromSpec(spec: FramingSpec): Draft {
  switch (spec.mode) {
    case 'raw':
      return INITIAL;
    case 'delimiter':
      return {
        ...INITIAL,
        mode: 'delimiter',
        delimiter: spec.delimiter,
        delimiterFormat: spec.delimiterFormat,
        keepDelimiter: spec.keepDelimiter,
      };
    case 'fixed':
      return { ...INITIAL, mode: 'fixed', length: String(spec.length) };
    case 'length-prefix':
      return {
        ...INITIAL,
        mode: 'length-prefix',
        offset: String(spec.offset),
        size: String(spec.size) as Draft['size'],
        endian: spec.endian,
        includesHeader: spec.includesHeader,
        adjustment: String(spec.adjustment),
      };
    case 'idle':
      return { ...INITIAL, mode: 'idle', gapMs: String(spec.gapMs) };
  }
}

function toSpec(d: Draft): FramingSpecInput {
  const n = (s: string) => (s.trim() === '' ? NaN : Number(s));
  switch (d.mode) {
    case 'raw':
      return { mode: 'raw' };
    case 'delimiter':
      return {
        mode: 'delimiter',
        delimiter: d.delimiter,
        delimiterFormat: d.delimiterFormat,
        keepDelimiter: d.keepDelimiter,
      };
    case 'fixed':
      return { mode: 'fixed', length: n(d.length) };
    case 'length-prefix':
      return {
        mode: 'length-prefix',
        offset: n(d.offset),
        size: Number(d.size) as 1 | 2 | 4,
        endian: d.endian,
        includesHeader: d.includesHeader,
        adjustment: n(d.adjustment),
      };
    case 'idle':
      return { mode: 'idle', gapMs: n(d.gapMs) };
  }
}

/**
 * The "Framing" select and the fields of the chosen mode. A valid form is
 * applied at once (the main process frames the whole capture log anew, in
 * the background, and says how far it is); an invalid one says why beside
 * the fields and changes nothing.
 */
export function FramingControl({
  endpointId,
  spec,
  model,
}: {
  endpointId: string;
  spec: FramingSpec;
  model: LogModel;
}) {
  const { t } = useT();
  const [draft, setDraft] = useState<Draft>(() => fromSpec(spec));
  const [error, setError] = useState<MessageRef | null>(null);
  // The framing may change from outside (a restored or opened workspace): the form follows it.
  const [shown, setShown] = useState(spec);
  if (spec !== shown) {
    setShown(spec);
    if (JSON.stringify(toSpec(draft)) !== JSON.stringify(spec)) setDraft(fromSpec(spec));
  }

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    const parsed = framingSpec.safeParse(toSpec(next), { reportInput: true });
    if (!parsed.success) {
      // The first problem, with its field: our own words or zod's, in the window's language.
      setError(msg('form.invalid', { issues: requestIssues(parsed.error).issues.slice(0, 1) }));
      return;
    }
    setError(null);
    // Framing anew renumbers the messages: a selection or a pause point would point elsewhere.
    updateLogUi(endpointId, {
      framing: parsed.data,
      selected: null,
      anchor: null,
      pausedAt: null,
    });
  };
  const num = (key: keyof Draft, label: string, width = 5) => (
    <InlineInput
      label={label}
      type="number"
      size={width}
      className="num-input"
      value={draft[key] as string}
      onChange={(e) => change({ [key]: e.target.value })}
    />
  );

  return (
    <div className="framing" role="group" aria-label={t('log.framingOptions')}>
      <SelectField
        inline
        label={t('log.framing')}
        value={draft.mode}
        choices={MODES}
        say={(m) => t(`framing.${m}`)}
        onChange={(mode) => change({ mode })}
      />
      {draft.mode === 'delimiter' && (
        <>
          <InlineInput
            label={t('framing.delimiter')}
            className="mono"
            size={8}
            value={draft.delimiter}
            onChange={(e) => change({ delimiter: e.target.value })}
          />
          <Choices
            label={t('framing.delimiterFormat')}
            value={draft.delimiterFormat}
            choices={['text', 'hex'] as const}
            say={(format) => t(format)}
            onChange={(delimiterFormat) => change({ delimiterFormat })}
          />
          <CheckField
            label={t('framing.keepDelimiter')}
            checked={draft.keepDelimiter}
            onChange={(on) => change({ keepDelimiter: on })}
          />
        </>
      )}
      {draft.mode === 'fixed' && num('length', t('framing.length'))}
      {draft.mode === 'length-prefix' && (
        <>
          {num('offset', t('framing.offset'), 3)}
          <SelectField
            inline
            label={t('framing.size')}
            value={draft.size}
            choices={['1', '2', '4'] as const}
            say={(size) => size}
            onChange={(size) => change({ size })}
          />
          <Choices
            label={t('framing.endian')}
            value={draft.endian}
            choices={['big', 'little'] as const}
            say={(endian) => t(`framing.${endian}`)}
            onChange={(endian) => change({ endian })}
          />
          <CheckField
            label={t('framing.includesHeader')}
            checked={draft.includesHeader}
            onChange={(on) => change({ includesHeader: on })}
          />
          {num('adjustment', t('framing.adjustment'), 4)}
        </>
      )}
      {draft.mode === 'idle' && num('gapMs', t('framing.gapMs'))}
      {error && (
        <span className="field-error" role="alert">
          {describe(error)}
        </span>
      )}
      {!error && model.window.behindChunks > 0 && (
        <span className="muted">
          {t('log.framingBehind', { n: formatCount(model.window.behindChunks) })}
        </span>
      )}
    </div>
  );
}
