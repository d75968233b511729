import { Dialog } from './Dialog';

/**
 * Asks before something that cannot be undone. The safe answer comes first,
 * so it has the focus when the dialog opens; Escape is the safe answer too.
 */
export function ConfirmDialog({
  title,
  text,
  confirm,
  cancel,
  onAnswer,
}: {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
  onAnswer(confirmed: boolean): void;
}) {
  return (
    <Dialog title={title} onClose={() => onAnswer(false)} className="confirm-dialog">
      <p>{text}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => onAnswer(false)}>
          {cancel}
        </button>
        <button type="button" className="primary" onClick={() => onAnswer(true)}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
