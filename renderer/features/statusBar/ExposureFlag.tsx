import { usePositions } from '../../store/positionsStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { exposureSummary, unhedgedBases } from './exposure.ts';

/**
 * On every screen: UNHEDGED pairs in red with their assets, else the count of live pairs;
 * either opens Positions. Nothing is shown while the trader holds no pair.
 */
export function ExposureFlag() {
  const pairs = usePositions((s) => s.pairs);
  const open = useUi((s) => s.open);
  const { unhedged, live } = exposureSummary(pairs);
  if (unhedged.length > 0) {
    const bases = unhedgedBases(unhedged);
    const reasons = unhedged.map((p) => `${p.pairId}: ${p.unhedgedReason ?? 'unhedged'}`).join('\n');
    return (
      <span role="alert">
        <button className="exposure-flag unhedged" onClick={() => open('positions')} title={`${reasons}\nOpen Positions to close or re-hedge.`}
          aria-label={`UNHEDGED: ${unhedged.length} ${unhedged.length === 1 ? 'pair' : 'pairs'} (${bases}); open Positions`}>
          ⚠ UNHEDGED {unhedged.length} · {bases}
        </button>
      </span>
    );
  }
  if (live === 0) return null;
  return (
    <button className="exposure-flag" onClick={() => open('positions')} aria-label={`${live} live ${live === 1 ? 'pair' : 'pairs'}, all hedged; open Positions`}>
      {live} {live === 1 ? 'pair' : 'pairs'} hedged
    </button>
  );
}
