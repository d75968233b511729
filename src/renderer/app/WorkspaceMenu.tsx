import { useRef, useState } from 'react';
import type { Result } from '../../shared/contract/result';
import type { WorkspaceState } from '../../shared/contract/ops/workspace-ops';
import { useApi } from '../api/api-context';
import { useT } from '../i18n/i18n';
import { report } from '../store/report';
import { useWorkbench } from '../store/store';
import { applyWorkspaceState } from '../store/workspace-sync';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Choices } from '../ui/Field';
import { HiddenFileInput } from '../ui/HiddenFileInput';
import { download } from '../ui/download';

/** The recent list's first line, which opens nothing. */
const NONE = -1;

type Opening = () => Promise<Result<WorkspaceState | null>>;

/** States in which a connection holds a port, a peer or a retry: replacing it would drop something. */
const LIVE = new Set(['listening', 'connecting', 'connected', 'half-closed', 'reconnecting']);

/**
 * Save workspace…, Open workspace… and the recent ones. The desktop app
 * uses main's dialogs; the browser mode downloads the file and uploads one,
 * the same bytes. Opening while connections are open asks first.
 */
export function WorkspaceMenu() {
  const { t } = useT();
  const api = useApi();
  const desktop = useWorkbench((s) => s.appInfo?.mode === 'electron');
  const recent = useWorkbench((s) => s.recentWorkspaces);
  const fileInput = useRef<HTMLInputElement>(null);
  const [asking, setAsking] = useState<{ open: Opening; live: number } | null>(null);

  const openNow = async (open: Opening): Promise<void> => {
    const result = await report(open());
    if (result.ok && result.value) applyWorkspaceState(result.value);
  };
  /** Asks first when something is open; otherwise opens at once. */
  const openAsking = (open: Opening): void => {
    const s = useWorkbench.getState();
    const live = s.order.filter((id) => LIVE.has(s.endpoints[id]?.state ?? 'closed')).length;
    if (live > 0) setAsking({ open, live });
    else void openNow(open);
  };

  const save = async (): Promise<void> => {
    if (desktop) {
      await report(api.saveWorkspaceFile({}));
      return;
    }
    const r = await report(api.exportWorkspace({}));
    if (r.ok) {
      const bytes = new TextEncoder().encode(r.value.json);
      download(bytes, 'workspace.wirebench.json', 'application/json');
    }
  };

  const openClicked = (): void => {
    if (desktop) openAsking(() => api.openWorkspaceFile({}));
    else fileInput.current?.click();
  };

  const uploaded = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const json = await file.text();
    openAsking(() => api.openWorkspace({ name: file.name, json }));
  };

  return (
    <>
      <button type="button" onClick={() => void save()}>
        {t('workspace.save')}
      </button>
      <button type="button" onClick={openClicked}>
        {t('workspace.open')}
      </button>
      <HiddenFileInput
        ref={fileInput}
        accept="application/json,.json"
        label={t('workspace.open')}
        onFile={(file) => void uploaded(file)}
      />
      {recent.length > 0 && (
        <Choices
          label={t('workspace.recent')}
          value={NONE}
          choices={[NONE, ...recent.map((r) => r.index)]}
          say={(index) =>
            recent.find((r) => r.index === index)?.name ?? t('workspace.recentPlaceholder')
          }
          onChange={(index) => {
            if (index !== NONE) openAsking(() => api.openRecentWorkspace({ index }));
          }}
        />
      )}
      {asking && (
        <ConfirmDialog
          title={t('workspace.confirmTitle')}
          text={t('workspace.confirmText', { count: asking.live })}
          confirm={t('workspace.replace')}
          cancel={t('workspace.cancel')}
          onAnswer={(yes) => {
            setAsking(null);
            if (yes) void openNow(asking.open);
          }}
        />
      )}
    </>
  );
}
