import { useEffect, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /**
   * Which answer has the focus when the dialog opens: the safe one, unless the dialog confirms
   * a keyboard request where "key, Enter" must do what was asked (the kill switch).
   */
  initialFocus?: 'cancel' | 'confirm';
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question, by default with the safe answer focused first; Esc cancels. */
export function ConfirmDialog({ title, children, confirmLabel, danger, busy, initialFocus = 'cancel', onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => (initialFocus === 'confirm' ? confirmRef : cancelRef).current?.focus(), [initialFocus]);
  return (
    <div className="overlay" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <div role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body" className="dialog">
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-body">{children}</div>
        <div className="dialog-actions">
          <button ref={cancelRef} onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button ref={confirmRef} className={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
