import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { EndpointInfo, MessageRef } from '../../shared/contract';
import { msg } from '../../shared/messages/catalogue';
import { convertSource } from '../../shared/payload/convert';
import type { PayloadMode, PayloadSpec } from '../../shared/payload/payload-spec';
import { useApi } from '../api/api-context';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import {
  addNotice,
  draftOf,
  recordSent,
  setDraft,
  setSendProgress,
  useWorkbench,
} from '../store/store';
import { MacroBar } from '../automation/MacroBar';
import { LibraryPanel } from '../library/LibraryPanel';
import { FilePayloads } from './FilePayloads';
import { PayloadEditor } from './PayloadEditor';
import { PayloadOptions } from './PayloadOptions';
import { PayloadPreview } from './PayloadPreview';
import { RunningSend } from './RunningSend';
import { lineColumn, useComposed } from './use-compose';
import { useHistoryRecall } from './use-history';
import './payload-editor.css';

/** A send still running after this long shows its progress and Cancel. */
const SLOW_SEND_MS = 300;

/**
 * The payload editor of one connection: options, Monaco, the byte preview
 * and Send. What Send puts on the wire is composed by the main process from
 * the same spec with the same shared code, so the preview is exact.
 */
export function SendBox({
  endpoint,
  peerId,
  destination,
  actions,
}: {
  endpoint: EndpointInfo;
  peerId: string | undefined;
  /** More controls for the action row, before the hint (the Automation toggle). */
  actions?: ReactNode;
  /** UDP: where Send goes (the typed Remote host/port), or why it cannot go. */
  destination?: () => { to?: { host: string; port: number }; problem?: MessageRef };
}) {
  const { t } = useT();
  const api = useApi();
  const reasonId = useId();
  const endpointId = endpoint.id;
  const spec = useWorkbench((s) => draftOf(s, endpointId));
  const counter = useWorkbench((s) => s.sendCounters[endpointId] ?? 0);
  const progress = useWorkbench((s) => s.sendProgress[endpointId]);
  const [busy, setBusy] = useState(false);
  const composed = useComposed(api, spec, counter);
  const history = useHistoryRecall(endpointId);

  const update = (next: PayloadSpec): void => setDraft(endpointId, next);
  const first = composed.issues[0];
  const checksumIssue = composed.issues.find((i) => i.field === 'checksum');
  const checksumProblem = checksumIssue ? describe(checksumIssue.message) : null;
  const reason = first
    ? first.field
      ? describe(first.message)
      : t('payload.errorAt', {
          ...lineColumn(spec.source, first.start),
          message: describe(first.message),
        })
    : composed.preview && composed.preview.length === 0
      ? t('payload.empty')
      : null;

  const sendSeq = useRef(0);
  const sending = useRef(false);
  /** The running send's id, for Cancel. */
  const running = useRef<string | null>(null);
  /** Set once a send has run for a moment: a quick one never flashes a bar and a button. */
  const [slowSend, setSlowSend] = useState<string | null>(null);
  /**
   * Sends `saved` (a library item) or the draft as it is at this moment: a
   * Ctrl+Enter right after the last keystroke may come before React has
   * rendered it, and must not send the draft without that keystroke. The
   * reason shown beside Send only blocks when it describes this very draft;
   * otherwise the main process checks the draft and says what is wrong.
   */
  const send = async (saved?: PayloadSpec): Promise<void> => {
    const toSend = saved ?? draftOf(useWorkbench.getState(), endpointId);
    if (sending.current) return;
    if (!saved && reason && composed.spec === toSend) return;
    const target = destination?.();
    if (target?.problem) {
      addNotice({ level: 'error', endpointId, message: target.problem });
      return;
    }
    sending.current = true;
    setBusy(true);
    const sendId = `s${Date.now().toString(36)}${sendSeq.current++}`;
    running.current = sendId;
    const slow = setTimeout(() => setSlowSend(sendId), SLOW_SEND_MS);
    const result = await api.sendPayload({
      endpointId,
      peerId,
      to: target?.to,
      spec: toSend,
      counter: useWorkbench.getState().sendCounters[endpointId] ?? 0,
      sendId,
    });
    clearTimeout(slow);
    running.current = null;
    setSlowSend(null);
    sending.current = false;
    setBusy(false);
    setSendProgress(endpointId, undefined);
    if (!result.ok) {
      addNotice({ level: 'error', endpointId, message: result.error.message });
      return;
    }
    // Part of it went out (and is in the log): it counts as sent, and main says how far it got.
    if (result.value.cancelled) {
      addNotice({ level: 'info', endpointId, message: result.value.cancelled });
    }
    recordSent(endpointId, toSend);
    history.reset();
  };

  const cancel = async (): Promise<void> => {
    // This window's send, or one whose progress it sees (another window's, or
    // its own from before the tab was switched away and back).
    const sendId = running.current ?? useWorkbench.getState().sendProgress[endpointId]?.sendId;
    if (!sendId) return;
    const result = await api.cancelSend({ sendId });
    if (!result.ok) addNotice({ level: 'error', endpointId, message: result.error.message });
  };

  const switchMode = (mode: PayloadMode): void => {
    if (mode === spec.mode) return;
    const converted = convertSource(spec.source, spec, mode);
    if (!converted.ok) {
      const [issue] = converted.issues;
      if (issue) {
        const code = mode === 'hex' ? 'payload.convert-to-hex' : 'payload.convert-to-text';
        addNotice({ level: 'error', endpointId, message: msg(code, { reason: issue.message }) });
      }
      return;
    }
    update({ ...spec, mode, source: converted.source, escapes: converted.escapes });
  };

  /** A chosen file goes in as a placeholder; an empty editor becomes a hex payload of it. */
  const insertFile = (fileId: string): void => {
    const current = draftOf(useWorkbench.getState(), endpointId);
    const token = `{{file:${fileId}}}`;
    if (current.source.trim() === '') update({ ...current, mode: 'hex', source: token });
    else {
      const gap = current.mode === 'hex' && !/\s$/.test(current.source) ? ' ' : '';
      update({ ...current, source: `${current.source}${gap}${token}` });
    }
  };

  const sendRef = useRef(send);
  useLayoutEffect(() => {
    sendRef.current = send;
  });
  // A UDP socket sends to a typed destination; it needs no peer first.
  const noPeer = endpoint.peerCount === 0 && !destination;

  return (
    <section
      className="send-box"
      aria-label={t('send')}
      onKeyDown={(e) => {
        // Ctrl/Cmd+Enter sends from any control here; Monaco handles its own.
        if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
        if ((e.target as Element).closest('.payload-editor')) return;
        e.preventDefault();
        void sendRef.current();
      }}
    >
      <MacroBar onSend={(saved) => void sendRef.current(saved)} canSend={!busy} />
      <PayloadOptions
        spec={spec}
        onMode={switchMode}
        onChange={update}
        checksumProblem={checksumProblem}
      />
      <div className="payload-workspace">
        <PayloadEditor
          value={spec.source}
          mode={spec.mode}
          issues={composed.issues}
          ariaLabel={t('payload')}
          placeholder={t(
            spec.mode === 'hex' ? 'payload.placeholderHex' : 'payload.placeholderText',
          )}
          onChange={(source) => update({ ...draftOf(useWorkbench.getState(), endpointId), source })}
          onSubmit={() => void sendRef.current()}
          onHistory={history.recall}
        />
        <PayloadPreview
          data={composed.preview}
          failed={composed.issues.length > 0}
          checksumId={spec.checksum.id}
        />
        <LibraryPanel
          current={spec}
          canSend={!busy}
          onLoad={(loaded) => setDraft(endpointId, loaded)}
          onSend={(saved) => void sendRef.current(saved)}
        />
      </div>
      <FilePayloads spec={spec} onInsert={insertFile} />
      <div className="send-actions">
        {actions}
        <span className="muted">{t('payload.historyHint')}</span>
        <span className="spacer" />
        {noPeer && <span className="muted">{t('noPeers')}</span>}
        {reason && spec.source !== '' && (
          <span id={reasonId} className="field-error send-reason">
            {reason}
          </span>
        )}
        {(progress || (busy && slowSend)) && (
          <RunningSend progress={progress} onCancel={() => void cancel()} />
        )}
        <button
          type="button"
          className="primary"
          onClick={() => void send()}
          disabled={Boolean(reason) || busy}
          aria-describedby={reason ? reasonId : undefined}
          title={reason ?? t('sendHint')}
        >
          {busy ? t('sending') : t('send')}
        </button>
      </div>
    </section>
  );
}
