import { useUi } from '../../store/uiStore.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';

/** Asked when the trader navigates away from Settings with unsaved changes: stay (focused) or discard. */
export function LeaveSettingsDialog() {
  const leavingTo = useUi((s) => s.leavingTo);
  const stay = useUi((s) => s.stay);
  const discardAndLeave = useUi((s) => s.discardAndLeave);
  if (!leavingTo) return null;
  return (
    <ConfirmDialog title="Leave Settings with unsaved changes?" confirmLabel="Discard changes" danger onConfirm={discardAndLeave} onCancel={stay}>
      <p>The changes typed here are not saved. Cancel stays on Settings so you can Save them.</p>
    </ConfirmDialog>
  );
}
