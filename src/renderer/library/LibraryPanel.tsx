import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PayloadItem } from '../../shared/contract/library';
import { msg } from '../../shared/messages/catalogue';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { report } from '../store/report';
import { addNotice, libraryItemMatches, payloadItemsOf, useWorkbench } from '../store/store';
import { download } from '../ui/download';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { libraryAction, loadLibrary } from './library-actions';
import { LibraryRow } from './LibraryRow';
import './library.css';

/**
 * Saved payloads: save the editor's payload, search, and per item send,
 * load, pin as a macro button, rename, duplicate, delete. Import and export
 * go through the user's own file picker and a download, so no path ever
 * comes from the page. (Sequences, in the same library, are listed by the
 * Sequence panel.)
 */
export function LibraryPanel({
  current,
  onLoad,
  onSend,
  canSend,
}: {
  current: PayloadSpec;
  onLoad(spec: PayloadSpec): void;
  onSend(spec: PayloadSpec): void;
  canSend: boolean;
}) {
  const { t } = useT();
  const api = useApi();
  const all = useWorkbench((s) => s.libraryItems);
  const items = useMemo(() => payloadItemsOf(all), [all]);
  const [query, setQuery] = useState('');
  const [name, setName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const nameId = useId();
  useEffect(() => {
    void loadLibrary(api);
  }, [api]);
  const shown = useMemo(() => items.filter((i) => libraryItemMatches(i, query)), [items, query]);

  const save = async (): Promise<void> => {
    const saved = await libraryAction(
      api,
      api.saveLibraryItem({ name: name.trim() || t('library.untitled'), spec: current }),
    );
    if (saved) setName('');
  };

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const json = await file.text();
    const result = await libraryAction(api, api.importLibrary({ json }));
    if (result)
      addNotice({
        level: 'info',
        endpointId: null,
        message: msg('window.library-imported', { count: result.added }),
      });
  };

  const exportFile = async (): Promise<void> => {
    const r = await report(api.exportLibrary({}));
    if (!r.ok) return;
    download(new TextEncoder().encode(r.value.json), 'wirebench-library.json', 'application/json');
  };

  return (
    <section className="library boxed-column" aria-labelledby={`${nameId}-title`}>
      <header className="library-head">
        <strong id={`${nameId}-title`}>{t('library.title')}</strong>
        <span className="spacer" />
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('library.import')}
        </button>
        <button type="button" onClick={() => void exportFile()} disabled={all.length === 0}>
          {t('library.export')}
        </button>
        <HiddenFileInput
          ref={fileInput}
          accept="application/json,.json"
          onFile={(file) => void importFile(file)}
        />
      </header>
      <div className="library-save">
        <input
          id={nameId}
          aria-label={t('library.name')}
          placeholder={t('library.name')}
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void save()}
        />
        <button type="button" onClick={() => void save()} disabled={current.source === ''}>
          {t('library.save')}
        </button>
      </div>
      <input
        type="search"
        className="library-search"
        aria-label={t('library.search')}
        placeholder={t('library.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="library-list" aria-label={t('library.title')}>
        {shown.map((item: PayloadItem) => (
          <LibraryRow key={item.id} item={item} canSend={canSend} onLoad={onLoad} onSend={onSend} />
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="muted">{items.length === 0 ? t('library.empty') : t('library.noMatch')}</p>
      )}
    </section>
  );
}
