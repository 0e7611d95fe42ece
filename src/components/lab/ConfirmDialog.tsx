import { useEffect, useRef } from 'preact/hooks';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal <dialog>: the browser traps focus inside it while open, Escape cancels, and focus
 * returns to the button that opened it. "Keep editing" has focus first, so Enter is safe.
 */
export default function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      keep.current?.focus();
    }
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="lab-dialog"
      aria-labelledby="lab-dialog-title"
      aria-describedby="lab-dialog-body"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="lab-dialog-title">{title}</h2>
      <p id="lab-dialog-body">{body}</p>
      <div className="lab-dialog-actions">
        <button type="button" ref={keep} className="lab-button" onClick={onCancel}>
          Keep editing
        </button>
        <button type="button" className="lab-button lab-button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
