import { useEffect, useState } from 'react';
import type { CaptureFileStatus, LogStatus } from '../../shared/contract/ops/capture-ops';
import { useApi } from '../api/api-context';
import { describe } from '../i18n/describe';
import { formatBytes, formatCount, useT } from '../i18n/i18n';
import { report } from '../store/report';
import { setLogBudget } from '../store/store';
import { CheckField } from '../ui/CheckField';
import { SelectField } from '../ui/Field';
import './capture-controls.css';

const MiB = 1024 * 1024;
/** Budgets offered; the contract accepts any from 1 MiB to 16 GiB. */
const BUDGETS = [16 * MiB, 64 * MiB, 256 * MiB, 1024 * MiB, 4096 * MiB];
/** How often the fill of the log is refreshed while the panel is shown. */
const POLL_MS = 1000;

/**
 * The capture log's budget (memory it may use before the oldest chunks are
 * dropped) and how full it is, shared by every connection; and this
 * connection's capture to disk, whose file the main process names.
 */
export function CaptureControls({ endpointId }: { endpointId: string }) {
  const { t } = useT();
  const api = useApi();
  const [status, setStatus] = useState<LogStatus | null>(null);

  useEffect(() => {
    let live = true;
    const poll = async (): Promise<void> => {
      const r = await api.logStatus({});
      if (live && r.ok) setStatus(r.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);

  const setBudget = async (bytes: number): Promise<void> => {
    const r = await report(api.setLogBudget({ bytes }), endpointId);
    if (!r.ok) return;
    setStatus(r.value);
    // The log panel states the budget from appInfo; keep it true (the machine may give
    // less than asked: the main process says so in a notice, and this is what it gave).
    setLogBudget(r.value.budgetBytes);
  };

  // Shown at once while the request runs, so the box follows the click.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const toggleCapture = async (on: boolean): Promise<void> => {
    setWanted(on);
    await report(
      on ? api.startCapture({ endpointId }) : api.stopCapture({ endpointId }),
      endpointId,
    );
    const s = await api.logStatus({});
    if (s.ok) setStatus(s.value);
    setWanted(null);
  };

  const budget = status?.budgetBytes ?? null;
  const capture = status?.captures.find((c) => c.endpointId === endpointId) ?? null;
  // Only what this machine can give (half its memory), and the current budget.
  const offered = BUDGETS.filter((b) => b <= (status?.budgetLimitBytes ?? Infinity));
  const choices = (
    budget !== null && !offered.includes(budget) ? [...offered, budget] : offered
  ).sort((a, b) => a - b);
  return (
    <div className="capture-controls">
      <SelectField
        inline
        label={t('capture.budget')}
        hint={t('capture.budgetHint')}
        // Until main says the budget, the list shows its first choice, disabled.
        value={budget ?? choices[0] ?? 0}
        disabled={budget === null}
        choices={choices}
        say={formatBytes}
        onChange={(b) => void setBudget(b)}
      />
      <CheckField
        label={t('capture.toDisk')}
        checked={wanted ?? capture?.active ?? false}
        disabled={status === null}
        onChange={(on) => void toggleCapture(on)}
        title={status ? t('capture.toDiskHint', { dir: status.capturesDir }) : undefined}
      />
      {capture && <CaptureLine capture={capture} />}
      {status && (
        <span className="muted">
          {t('capture.used', {
            used: formatBytes(status.usedBytes),
            budget: formatBytes(status.budgetBytes),
            chunks: formatCount(status.chunks),
          })}
        </span>
      )}
    </div>
  );
}

/** Where the capture goes, how much is written, and what the disk could not take. */
function CaptureLine({ capture }: { capture: CaptureFileStatus }) {
  const { t } = useT();
  const params = {
    path: capture.path,
    bytes: formatBytes(capture.payloadBytes),
    chunks: formatCount(capture.chunks),
  };
  return (
    <>
      <span className="capture-path" role="status">
        {t(capture.active ? 'capture.writing' : 'capture.wrote', params)}
      </span>
      {capture.missedChunks > 0 && (
        <span className="warning-text">
          {t('capture.missed', {
            chunks: formatCount(capture.missedChunks),
            bytes: formatCount(capture.missedBytes),
          })}
        </span>
      )}
      {capture.error && <span className="error-text">{describe(capture.error)}</span>}
    </>
  );
}
