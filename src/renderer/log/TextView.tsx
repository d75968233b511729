import { useMemo } from 'react';
import { visibleTextRuns, type TextRun } from '../../shared/bytes/visible-text';
import { TEXT_ENCODINGS, type TextEncodingName } from '../../shared/payload/encodings';
import { formatBytes, useT } from '../i18n/i18n';
import { SourcePicker, useViewSource } from './HexView';
import { updateLogUi } from '../store/store';
import type { LogModel } from './use-log-model';

/** The most bytes decoded at once; a longer stream shows its newest part. */
export const TEXT_VIEW_BYTES = 32 * 1024;

/** Runs of the text with every non-printable shown as an escape, for any of the editor's encodings. */
export function textRuns(bytes: Uint8Array, encoding: TextEncodingName): TextRun[] {
  if (encoding !== 'ascii') return visibleTextRuns(bytes, { encoding });
  // ASCII has no byte above 0x7F: show those as escapes rather than as Latin-1 letters.
  const out: TextRun[] = [];
  for (const run of visibleTextRuns(bytes, { encoding: 'latin1' })) {
    if (run.escape) {
      out.push(run);
      continue;
    }
    let plain = '';
    for (const ch of run.text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) plain += ch;
      else {
        if (plain) out.push({ text: plain, escape: false });
        plain = '';
        out.push({ text: `\\x${code.toString(16).toUpperCase()}`, escape: true });
      }
    }
    if (plain) out.push({ text: plain, escape: false });
  }
  return out;
}

/** The Text view: the bytes decoded in a chosen encoding, nothing invisible. */
export function TextView({ endpointId, model }: { endpointId: string; model: LogModel }) {
  const { t } = useT();
  const source = useViewSource(model);
  const encoding = model.ui.encoding;
  const length = source?.length ?? 0;
  const from = Math.max(0, length - TEXT_VIEW_BYTES);
  const version = (source as { version?: number } | null)?.version ?? 0;
  const runs = useMemo(
    () => (source ? textRuns(source.slice(from, length), encoding) : []),
    // The stream object is mutated in place; its version says when it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [source, from, length, encoding, version],
  );

  return (
    <div className="view-text">
      <div className="view-bar">
        <SourcePicker endpointId={endpointId} model={model} />
        <label className="inline-field">
          {t('log.encoding')}
          <select
            aria-label={t('log.encoding')}
            value={encoding}
            onChange={(e) =>
              updateLogUi(endpointId, { encoding: e.target.value as TextEncodingName })
            }
          >
            {TEXT_ENCODINGS.map((e) => (
              <option key={e.name} value={e.name}>
                {e.label}
              </option>
            ))}
          </select>
        </label>
        {from > 0 && (
          <span className="muted">{t('log.textNewest', { n: formatBytes(TEXT_VIEW_BYTES) })}</span>
        )}
      </div>
      {source ? (
        <pre className="text-body mono" tabIndex={0} aria-label={t('log.decodedText')}>
          {runs.map((r, i) =>
            r.escape ? (
              <span key={i} className="esc">
                {r.text}
              </span>
            ) : (
              r.text
            ),
          )}
        </pre>
      ) : (
        <p className="muted view-empty">{t('log.selectMessage')}</p>
      )}
    </div>
  );
}
