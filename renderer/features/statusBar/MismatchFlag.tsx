import { VENUES } from '../../../shared/domain/venues.ts';
import { usePositions } from '../../store/positionsStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { mismatchesOf } from './exposure.ts';

/**
 * On every screen while any venue holds other than approved (docs/units.md, "Checked at run
 * time"): the legs, loud, until a later check finds them back within one lot; opens Positions,
 * where each carries its restore order.
 */
export function MismatchFlag() {
  const pairs = usePositions((s) => s.pairs);
  const open = useUi((s) => s.open);
  const found = mismatchesOf(pairs);
  if (found.length === 0) return null;
  const legs = found.map((m) => `${VENUES[m.venue].label} ${m.symbol}`).join(', ');
  return (
    <span role="alert">
      <button className="exposure-flag unhedged" onClick={() => open('positions')} title={found.map((m) => m.reason).join('\n')}
        aria-label={`MISMATCH: the venue holds other than approved on ${legs}; open Positions`}>
        ⚠ MISMATCH {found.length} · {legs}
      </button>
    </span>
  );
}
