import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { CheckField } from '../ui/CheckField';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { Direction, EndpointInfo } from '../../shared/contract';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { onAppearanceChange } from '../app/theme';
import { report } from '../store/report';
import { updateLogUi, useWorkbench } from '../store/store';
import { TerminalFeeder } from './terminal-feeder';
import type { LogModel } from './use-log-model';

const encoder = new TextEncoder();

function themeColors(): { background: string; foreground: string; cursor: string } {
  const css = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: get('--bg-2', '#f3f4f6'),
    foreground: get('--fg', '#111827'),
    cursor: get('--accent', '#2563eb'),
  };
}

/**
 * The Terminal view: the raw stream through xterm.js, so ANSI colours and
 * cursor moves of a console, a modem or a shell are interpreted. Keystrokes
 * go to the peer only when the user ticks the box.
 */
export function TerminalView({ endpoint, model }: { endpoint: EndpointInfo; model: LogModel }) {
  const { t } = useT();
  const api = useApi();
  const host = useRef<HTMLDivElement>(null);
  const keysRef = useRef(model.ui.keysToPeer);
  useEffect(() => {
    keysRef.current = model.ui.keysToPeer;
  }, [model.ui.keysToPeer]);
  const [showSent, setShowSent] = useState(false);
  const id = endpoint.id;
  const floor = model.log.floor;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal({
      convertEol: false,
      scrollback: 5000,
      // Binary from a device is not a parse error worth a console line per byte.
      logLevel: 'off',
      // A monospace face: xterm measures one cell and lays every character on that grid.
      fontFamily:
        getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace',
      fontSize: useWorkbench.getState().settings.logFontSize,
      theme: themeColors(),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    const resize = new ResizeObserver(() => fit.fit());
    resize.observe(el);
    const stopLooking = onAppearanceChange(() => {
      term.options.theme = themeColors();
      term.options.fontSize = useWorkbench.getState().settings.logFontSize;
      fit.fit();
    });

    const dirs = new Set<Direction>(showSent ? ['rx', 'tx'] : ['rx']);
    const rows = () => useWorkbench.getState().logs[id]?.rows ?? [];
    const feeder = new TerminalFeeder(term, rows, dirs, floor);
    feeder.pump();
    // Fed from the store directly, not through React renders: a flood must not re-render to write.
    const unsubscribe = useWorkbench.subscribe((s, prev) => {
      if (s.logs[id] !== prev.logs[id]) feeder.pump();
    });
    const input = term.onData((data) => {
      if (!keysRef.current) return;
      void report(
        api.send({
          endpointId: id,
          peerId: endpoint.spec.kind === 'tcp-server' ? 'all' : undefined,
          data: encoder.encode(data),
        }),
        id,
      );
    });
    return () => {
      stopLooking();
      input.dispose();
      unsubscribe();
      feeder.dispose();
      resize.disconnect();
      term.dispose();
    };
  }, [api, id, showSent, floor, endpoint.spec.kind]);

  return (
    <div className="view-terminal">
      <div className="view-bar">
        <CheckField
          label={t('log.keysToPeer')}
          checked={model.ui.keysToPeer}
          onChange={(on) => updateLogUi(id, { keysToPeer: on })}
        />
        <CheckField label={t('log.showSent')} checked={showSent} onChange={setShowSent} />
      </div>
      <div className="terminal-host" ref={host} aria-label={t('log.view.terminal')} />
    </div>
  );
}
