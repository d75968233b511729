import { useEffect, useMemo, useRef } from 'react';
import type { PayloadItem } from '../../shared/contract/library';
import type { PayloadSpec } from '../../shared/payload/payload-spec';
import { useT } from '../i18n/i18n';
import { payloadItemsOf, useWorkbench } from '../store/store';

/**
 * The macro buttons: the saved payloads the person pinned in the library,
 * in the order pinned, each sent with one click or Alt+1…Alt+9 (wherever
 * the focus is in the window). Sending goes through the send box, so the
 * connection's peer choice and UDP destination apply.
 */
export function MacroBar({
  onSend,
  canSend,
}: {
  onSend(spec: PayloadSpec): void;
  canSend: boolean;
}) {
  const { t } = useT();
  const pins = useWorkbench((s) => s.macroPins);
  const items = useWorkbench((s) => s.libraryItems);
  const macros = useMemo(() => {
    const byId = new Map(payloadItemsOf(items).map((i) => [i.id, i]));
    return pins.flatMap((id) => byId.get(id) ?? []);
  }, [pins, items]);

  const latest = useRef({ macros, onSend, canSend });
  useEffect(() => {
    latest.current = { macros, onSend, canSend };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^Digit[1-9]$/.test(e.code)) return;
      const item: PayloadItem | undefined = latest.current.macros[Number(e.code.slice(5)) - 1];
      if (!item || !latest.current.canSend) return;
      e.preventDefault();
      latest.current.onSend(item.spec);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (macros.length === 0) return null;
  return (
    <div className="macro-bar" role="toolbar" aria-label={t('macros.title')}>
      {macros.map((item, i) => (
        <button
          key={item.id}
          type="button"
          disabled={!canSend}
          aria-label={t('macros.send', { name: item.name })}
          aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
          title={i < 9 ? `Alt+${i + 1}` : undefined}
          onClick={() => onSend(item.spec)}
        >
          {i < 9 && <kbd>{i + 1}</kbd>}
          {item.name}
        </button>
      ))}
    </div>
  );
}
