import { useState } from 'react';
import type { PayloadItem } from '../../shared/contract/library';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { useWorkbench } from '../store/store';
import { libraryAction } from './library-actions';
import { toggleMacroPin } from './macro-pins';

/** One saved payload: its name and a glimpse of it, and what can be done with it. */
export function LibraryRow({
  item,
  canSend,
  onLoad,
  onSend,
}: {
  item: PayloadItem;
  canSend: boolean;
  onLoad(spec: PayloadSpec): void;
  onSend(spec: PayloadSpec): void;
}) {
  const { t } = useT();
  const api = useApi();
  const [renaming, setRenaming] = useState<string | null>(null);
  const pin = useWorkbench((s) => s.macroPins.indexOf(item.id));
  const shortcut = pin >= 0 && pin < 9 ? pin + 1 : null;

  const commitRename = async (): Promise<void> => {
    if (renaming === null) return;
    const name = renaming.trim();
    setRenaming(null);
    if (name && name !== item.name)
      await libraryAction(api, api.renameLibraryItem({ id: item.id, name }));
  };

  return (
    <li
      className="library-item"
      aria-label={item.name}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget && canSend) onSend(item.spec);
      }}
    >
      <div className="library-item-main">
        {renaming === null ? (
          <span className="library-name" onDoubleClick={() => setRenaming(item.name)}>
            {item.name}
          </span>
        ) : (
          <input
            aria-label={t('library.newName')}
            autoFocus
            value={renaming}
            maxLength={200}
            onChange={(e) => setRenaming(e.target.value)}
            onBlur={() => void commitRename()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void commitRename();
              if (e.key === 'Escape') setRenaming(null);
            }}
          />
        )}
        <code className="library-glimpse">
          {item.spec.mode === 'hex' ? 'HEX' : item.spec.encoding.toUpperCase()}{' '}
          {item.spec.source.slice(0, 48)}
        </code>
      </div>
      <div className="library-actions">
        <button
          type="button"
          className="primary"
          disabled={!canSend}
          aria-label={t('library.sendItem', { name: item.name })}
          title={shortcut ? `Alt+${shortcut}` : undefined}
          onClick={() => onSend(item.spec)}
        >
          {t('send')}
        </button>
        <button
          type="button"
          aria-pressed={pin >= 0}
          aria-label={t('library.pinItem', { name: item.name })}
          title={t('library.pinHint')}
          onClick={() => toggleMacroPin(item.id)}
        >
          {t('library.pin')}
        </button>
        <ItemAction action="load" name={item.name} onClick={() => onLoad(item.spec)} />
        <ItemAction action="rename" name={item.name} onClick={() => setRenaming(item.name)} />
        <ItemAction
          action="duplicate"
          name={item.name}
          onClick={() => void libraryAction(api, api.duplicateLibraryItem({ id: item.id }))}
        />
        <ItemAction
          action="delete"
          name={item.name}
          onClick={() => void libraryAction(api, api.deleteLibraryItem({ id: item.id }))}
        />
      </div>
    </li>
  );
}

/** One of an item's plain actions: its word, and for a screen reader the item it acts on. */
function ItemAction({
  action,
  name,
  onClick,
}: {
  action: 'load' | 'rename' | 'duplicate' | 'delete';
  name: string;
  onClick(): void;
}) {
  const { t } = useT();
  return (
    <button type="button" aria-label={t(`library.${action}Item`, { name })} onClick={onClick}>
      {t(`library.${action}`)}
    </button>
  );
}
