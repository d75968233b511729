import { useRef, type KeyboardEvent } from 'react';
import type { EndpointInfo } from '../../shared/contract';
import { formatHostPort } from '../../shared/net/address';
import { useT } from '../i18n/i18n';
import { setActive, useWorkbench } from '../store/store';

export function endpointTitle(e: EndpointInfo): string {
  const port = e.local && e.spec.kind !== 'tcp-client' ? e.local.port : e.spec.port;
  return formatHostPort(e.spec.host, port);
}

/** One tab per connection; arrow keys move between them (roving tabindex). */
export function ConnectionTabs() {
  const { t } = useT();
  const order = useWorkbench((s) => s.order);
  const endpoints = useWorkbench((s) => s.endpoints);
  const activeId = useWorkbench((s) => s.activeId);
  const refs = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent): void => {
    const index = order.indexOf(activeId ?? '');
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step || index < 0) return;
    const next = order[(index + step + order.length) % order.length];
    if (next) {
      setActive(next);
      refs.current.get(next)?.focus();
    }
  };

  if (order.length === 0) return null;
  return (
    <nav className="tabs" aria-label={t('connections')}>
      <div className="tab-list" role="tablist" aria-label={t('connections')} onKeyDown={onKeyDown}>
        {order.map((id) => {
          const e = endpoints[id];
          if (!e) return null;
          const selected = id === activeId;
          return (
            <button
              key={id}
              ref={(el) => {
                if (el) refs.current.set(id, el);
                else refs.current.delete(id);
              }}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={selected}
              aria-controls={`panel-${id}`}
              tabIndex={selected ? 0 : -1}
              className={`tab state-${e.state}`}
              onClick={() => setActive(id)}
            >
              <span className="state-dot" aria-hidden="true" />
              <span className="tab-kind">{t(`kind.${e.spec.kind}`)}</span>
              <span className="tab-address">{endpointTitle(e)}</span>
            </button>
          );
        })}
      </div>
    </nav>
  );
}
