import { useId, useRef, useState } from 'react';
import type { FileRef, MessageRef } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { describe } from '../../i18n/describe';
import { useT } from '../../i18n/i18n';
import { isDesktop } from '../../store/selectors';
import { useWorkbench } from '../../store/store';

type Purpose = 'certificate' | 'key' | 'pkcs12' | 'ca';

/**
 * A certificate or key file, never a typed path: on the desktop main shows
 * its own open dialog; in the browser the file is uploaded and main keeps
 * the bytes. Either way the form holds only the file's id and name.
 */
export function FileChoice({
  label,
  purpose,
  value,
  onChange,
  optional = false,
  emptyText,
}: {
  label: string;
  purpose: Purpose;
  value: FileRef | null;
  onChange: (value: FileRef | null) => void;
  optional?: boolean;
  emptyText?: string;
}) {
  const { t } = useT();
  const api = useApi();
  const id = useId();
  const desktop = useWorkbench(isDesktop);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<MessageRef | null>(null);

  const choose = async (): Promise<void> => {
    setError(null);
    if (!desktop) {
      input.current?.click();
      return;
    }
    const result = await api.chooseFile({ purpose });
    if (!result.ok) setError(result.error.message);
    else if (result.value) onChange(result.value);
  };

  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const result = await api.uploadFile({
      name: file.name,
      data: new Uint8Array(await file.arrayBuffer()),
    });
    if (input.current) input.current.value = '';
    if (result.ok) onChange(result.value);
    else setError(result.error.message);
  };

  return (
    <div className={`field file-choice${error ? ' field-invalid' : ''}`}>
      <span id={`${id}-label`} className="field-label">
        {label}
      </span>
      <span className="file-choice-row">
        <code className="file-name">{value?.name ?? emptyText ?? t('tls.noFile')}</code>
        <button
          type="button"
          aria-label={`${t('tls.chooseFile')} ${label}`}
          onClick={() => void choose()}
        >
          {t('tls.chooseFile')}
        </button>
        {value && optional && (
          <button type="button" onClick={() => onChange(null)}>
            {t('tls.clearFile')}
          </button>
        )}
      </span>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={label}
        onChange={(e) => void upload(e.target.files?.[0])}
      />
      {error && <span className="field-error">{describe(error)}</span>}
    </div>
  );
}
