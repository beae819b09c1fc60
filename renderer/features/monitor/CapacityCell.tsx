import type { Opportunity } from '../../../shared/domain/signals.ts';
import { useCapacity } from '../../store/capacityStore.ts';
import { useClock } from '../../store/clockStore.ts';
import { capacityOutOfDate, capacityText, capacityTitle, rowCapacity } from './rowCapacity.ts';

/** The row's capacity at the Settings impact with its age in the tooltip; "–" and the reason where there is no figure. */
export function CapacityCell({ row }: { row: Opportunity }) {
  const snapshot = useCapacity((s) => s.snapshot);
  const byBase = useCapacity((s) => s.byBase);
  const error = useCapacity((s) => s.error);
  const now = useClock((s) => s.now);
  const shown = rowCapacity(row, { snapshot, byBase, error });
  if (shown.why !== null || !snapshot) return <span className="muted" title={shown.why ?? undefined}>–</span>;
  const old = capacityOutOfDate(snapshot, now);
  return <span className={`num${old ? ' muted' : ''}`} title={capacityTitle(shown.pair, snapshot, now)}>{capacityText(shown.notionalUsd, shown.pair.atLeast)}</span>;
}
