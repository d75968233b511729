import { formatBytes, useT } from '../i18n/i18n';
import type { SendProgressView } from '../store/store';

/**
 * A send that is taking a while: how far it got (once main has said; until
 * then a bar without a value) and Cancel. Cancelling stops the send in main
 * between slices; the connection stays open, and what went is in the log.
 */
export function RunningSend({
  progress,
  onCancel,
}: {
  progress: SendProgressView | undefined;
  onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <span className="send-progress">
      {progress ? (
        <>
          <progress
            aria-label={t('payload.sendProgress')}
            value={progress.sent}
            max={Math.max(1, progress.total)}
          />
          <span>
            {t('payload.progressText', {
              sent: formatBytes(progress.sent),
              total: formatBytes(progress.total),
            })}
          </span>
        </>
      ) : (
        <progress aria-label={t('payload.sendProgress')} />
      )}
      <button type="button" aria-label={t('payload.cancelSend')} onClick={onCancel}>
        {t('cancel')}
      </button>
    </span>
  );
}
