import type { Alignment } from '../../shared/domain/sectors.ts';
import type { Opportunity } from '../../shared/domain/signals.ts';
import { sectorOf, type SectorMap } from '../../shared/sectors/sectorOf.ts';
import type { SectorSnapshot, SectorState } from './sectors.ts';

/**
 * Alignment of an opportunity with the sector signal (docs/domain.md §2.5).
 *
 * A funding trade earns from the crowded side paying: with the asset's mean rate positive the
 * crowd is long (longs pay), negative it is short. The rule:
 * - **confirmed** — the asset's sector is crowded on the same side (overheated for longs,
 *   washed-out for shorts) and the sector's funding is not reversing: the rate the trade
 *   collects is backed by a sector-wide flow, so it is likely to persist;
 * - **contradicted** (a probable trap) — either the asset's crowd is on the opposite side of
 *   its sector's (an idiosyncratic rate, likely to revert towards its sector), or the sector's
 *   funding is reversing (it moved against its divergence by at least `reversalPer8h` in 8 h:
 *   the rotation has begun and the rates will compress — "holding and hoping after the sector
 *   signal reverses");
 * - **neutral** — no sector, too little data, or no sector signal: the trade stands on its own.
 */
export interface AlignmentOptions {
  /** A sector's 8-h funding change against its divergence at least this large is a reversal. */
  reversalPer8h: number;
}
export const DEFAULT_ALIGNMENT_OPTIONS: AlignmentOptions = { reversalPer8h: 0.0002 };

export function alignOpportunity(
  opportunity: Pick<Opportunity, 'base' | 'meanPer8h'>, snapshot: SectorSnapshot, map: SectorMap, options: AlignmentOptions = DEFAULT_ALIGNMENT_OPTIONS,
): Alignment {
  const { base, meanPer8h } = opportunity;
  const sector = sectorOf(base, map);
  if (sector === null) return { tag: 'neutral', sector, reason: `${base} has no sector: place it in Settings to get a sector signal.` };
  const state = snapshot.sectors.find((s) => s.sector === sector);
  if (!state || state.divergence === null) return { tag: 'neutral', sector, reason: `${sector} has too few assets with fresh funding for a sector signal.` };
  if (state.signal === null || meanPer8h === null || meanPer8h === 0) {
    return { tag: 'neutral', sector, reason: `${sector} shows no rotation signal (divergence ${pct(state.divergence)} per 8 h${zText(state)}).` };
  }
  const sectorCrowd = state.signal === 'overheated' ? 'long' : 'short';
  const assetCrowd = meanPer8h > 0 ? 'long' : 'short';
  const what = `${sector} is ${state.signal} (divergence ${pct(state.divergence)} per 8 h${zText(state)})`;
  if (assetCrowd !== sectorCrowd) {
    return { tag: 'contradicted', sector, reason: `${what} but ${base} funding is ${pct(meanPer8h)}: ${assetCrowd}s pay against the sector's crowd, a rate likely to revert.` };
  }
  const reversal = reversing(state, options.reversalPer8h);
  if (reversal !== null) {
    return { tag: 'contradicted', sector, reason: `${what} and reversing: sector funding moved ${pct(reversal)} in 8 h. Rotation ${state.signal === 'overheated' ? 'out' : 'back in'} has begun; the rate this trade collects is likely to compress.` };
  }
  return { tag: 'confirmed', sector, reason: `${what} and ${base} funding agrees (${pct(meanPer8h)}): the rate this trade collects is backed by a sector-wide flow.` };
}

/** The 8-h change when it runs against the sector's divergence by at least `threshold`, else null. */
function reversing(state: SectorState, threshold: number): number | null {
  if (state.change8h === null) return null;
  const against = state.signal === 'overheated' ? -state.change8h : state.change8h;
  return against >= threshold ? state.change8h : null;
}

function zText(state: SectorState): string {
  return state.divergenceZ === null ? '' : `, z ${state.divergenceZ.toFixed(1)}`;
}

function pct(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(3)} %`;
}
