import { useEffect, useMemo, useRef } from 'react';
import type { WirebenchApi } from '../../shared/contract';
import type { PayloadFileInfoView } from '../../shared/contract/ops/payload-file-ops';
import { hexPreview } from '../../shared/bytes/hexdump';
import { listFileIds } from '../../shared/payload/compose';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { useApi } from '../api/api-context';
import { formatBytes, useT } from '../i18n/i18n';
import { report } from '../store/report';
import { isDesktop } from '../store/selectors';
import { setPayloadFile, useWorkbench } from '../store/store';
import { HiddenFileInput } from '../ui/HiddenFileInput';

/**
 * Choosing a file for `{{file:…}}`, and what the editor shows of the files
 * a payload refers to: name, size and first bytes, never the content. The
 * desktop app asks main to open the system dialog; the browser mode uploads
 * the file the user picked. Either way the page only ever gets an id.
 */
export function FilePayloads({
  spec,
  onInsert,
}: {
  spec: PayloadSpec;
  onInsert(id: string): void;
}) {
  const { t } = useT();
  const api = useApi();
  const desktop = useWorkbench(isDesktop);
  const input = useRef<HTMLInputElement>(null);
  const infos = useWorkbench((s) => s.payloadFiles);
  const ids = useMemo(() => listFileIds(spec), [spec]);
  useEffect(() => {
    const known = useWorkbench.getState().payloadFiles;
    for (const id of ids) if (!(id in known)) void describe(api, id);
  }, [api, ids]);

  const chosen = (info: PayloadFileInfoView): void => {
    setPayloadFile(info.id, info);
    onInsert(info.id);
  };
  const choose = async (): Promise<void> => {
    if (!desktop) {
      input.current?.click();
      return;
    }
    const r = await report(api.pickPayloadFile({}));
    if (r.ok && r.value) chosen(r.value);
  };
  const upload = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const data = new Uint8Array(await file.arrayBuffer());
    const r = await report(api.registerPayloadFile({ name: file.name, data }));
    if (r.ok) chosen(r.value);
  };

  return (
    <div className="file-payloads">
      <button type="button" onClick={() => void choose()}>
        {t('payload.chooseFile')}
      </button>
      <HiddenFileInput
        ref={input}
        label={t('payload.chooseFile')}
        onFile={(file) => void upload(file)}
      />
      {ids.length > 0 && (
        <ul className="file-list" aria-label={t('payload.files')}>
          {ids.map((id) => {
            const info = infos[id];
            return (
              <li key={id}>
                <code>{`{{file:${id}}}`}</code>{' '}
                {info ? (
                  <>
                    <strong>{info.name}</strong>{' '}
                    {t('payload.fileSize', { size: formatBytes(info.size) })}{' '}
                    <code className="muted">{hexPreview(info.head, 16)}</code>
                  </>
                ) : info === null ? (
                  <span className="field-error">{t('payload.fileMissing')}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

async function describe(api: WirebenchApi, id: string): Promise<void> {
  const r = await api.describePayloadFile({ id });
  setPayloadFile(id, r.ok ? r.value : null);
}
