import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { CheckField } from '../ui/CheckField';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { Chunk, Direction, EndpointInfo, WirebenchApi } from '../../shared/contract';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { onAppearanceChange } from '../app/theme';
import { report } from '../store/report';
import { onLiveChunks } from '../store/live-chunks';
import { updateLogUi, useWorkbench } from '../store/store';
import { TerminalFeeder, type FedChunk } from './terminal-feeder';
import type { LogModel } from './use-log-model';

const encoder = new TextEncoder();
/** What the Terminal shows of what came before it opened: the newest rows, this many bytes of each at most. */
const HISTORY_ROWS = 64;
const HISTORY_ROW_BYTES = 16 * 1024;

/**
 * The newest chunks the log holds, whole (a chunk the page could not carry
 * whole starts nothing: a cut escape sequence would garble the screen).
 */
async function readHistory(api: WirebenchApi, endpointId: string): Promise<FedChunk[]> {
  const r = await api.logRows({
    endpointId,
    anchor: { tail: true },
    count: HISTORY_ROWS,
    maxRowBytes: HISTORY_ROW_BYTES,
  });
  if (!r.ok) return [];
  const rows = r.value.rows;
  let from = 0;
  rows.forEach((row, i) => {
    if (row.bytesLength < row.length) from = i + 1;
  });
  return rows.slice(from).map((row) => ({
    seq: row.lastSeq,
    dir: row.dir,
    data: r.value.bytes.subarray(row.bytesAt, row.bytesAt + row.bytesLength),
  }));
}

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
  const cleared = model.ui.clearedAt;

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
    const feeder = new TerminalFeeder(term, dirs, cleared ?? -1);
    // The live chunks wait while the newest history is read, then follow it (seqs keep them apart).
    const early: Chunk[][] = [];
    let history = false;
    const unsubscribe = onLiveChunks(id, (chunks) => {
      if (history) feeder.push(chunks);
      // A few batches at most: the history read takes a moment, not a flood's worth.
      else if (early.push([...chunks]) > 8) early.shift();
    });
    void readHistory(api, id).then((rows) => {
      feeder.push(rows);
      history = true;
      for (const chunks of early.splice(0)) feeder.push(chunks);
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
  }, [api, id, showSent, cleared, endpoint.spec.kind]);

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
