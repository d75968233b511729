import { useEffect } from 'react';
import { describe } from '../i18n/describe';
import { useT } from '../i18n/i18n';
import { dismissNotice, useWorkbench } from '../store/store';

/**
 * What the main process told (failures, peer FIN, resets), newest last,
 * said in the current language: switching it says them again.
 */
export function Notices() {
  const { t } = useT();
  const notices = useWorkbench((s) => s.notices);

  // Information fades; warnings and errors stay until dismissed.
  useEffect(() => {
    const timers = notices
      .filter((n) => n.level === 'info')
      .map((n) => setTimeout(() => dismissNotice(n.id), 6000));
    return () => timers.forEach(clearTimeout);
  }, [notices]);

  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.level}`}>
          <span>{describe(n.message)}</span>
          <button type="button" aria-label={t('dismiss')} onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
