/**
 * An automation run's two buttons: the one that starts it (the row's
 * primary action) and Stop, which is enabled only while it runs.
 */
export function RunButtons({
  start,
  stop,
  running,
  canStart = true,
  onStart,
  onStop,
}: {
  start: string;
  stop: string;
  running: boolean;
  canStart?: boolean;
  onStart(): void;
  onStop(): void;
}) {
  return (
    <>
      <button type="button" className="primary" disabled={!canStart} onClick={onStart}>
        {start}
      </button>
      <button type="button" disabled={!running} onClick={onStop}>
        {stop}
      </button>
    </>
  );
}
