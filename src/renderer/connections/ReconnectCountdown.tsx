import { useEffect, useState } from 'react';
import type { ReconnectInfo } from '../../shared/contract';
import { useT } from '../i18n/i18n';

/**
 * "Reconnecting in 4 s…" while a client waits to dial again. The engine owns
 * the wait and dials on its own clock; this only counts down what it said
 * (the wait's length, from when the window heard of it), once a second, so
 * the window's clock never has to agree with the engine's. Give it a new
 * `key` for each wait (its nextAt), so each one counts from its own start.
 */
export function ReconnectCountdown({ wait }: { wait: ReconnectInfo }) {
  const { t } = useT();
  const [heardAt] = useState(() => performance.now());
  const [now, setNow] = useState(heardAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.ceil((wait.delayMs - (now - heardAt)) / 1000);
  return (
    <span className="reconnect-countdown" role="status">
      {left > 0
        ? t('tcp.reconnectingIn', { seconds: left, attempt: wait.attempt })
        : t('tcp.reconnectingNow', { attempt: wait.attempt })}
    </span>
  );
}
