import type { PatternStudy, StudySummaryView } from '../../../shared/domain/patterns.ts';
import type { Opportunity } from '../../../shared/domain/signals.ts';

const pct = (rate: number, digits = 1) => `${(rate * 100).toFixed(digits)} %`;

/** A hit rate is never shown bare: its interval and n travel with it. */
export function hitRateText(s: StudySummaryView): string {
  if (s.hitRate === null) return `– (n = ${s.n})`;
  // The interval stands on the independent windows, which overlapping events do not add to.
  const ci = s.ci95 ? ` (95 % CI ${pct(s.ci95[0])}–${pct(s.ci95[1])} on ${s.effectiveN} independent)` : '';
  return `${pct(s.hitRate)}${ci}, n = ${s.n}`;
}

export function baseRateText(s: StudySummaryView): string {
  return s.baseRate === null ? `– (${s.basePoints} grid points)` : `${pct(s.baseRate)} of ${s.basePoints} grid points`;
}

export function liftText(s: StudySummaryView): string {
  return s.lift === null ? '–' : `${s.lift.toFixed(2)}×`;
}

/**
 * The model's verdict in words. The backend's sentence is kept; when the model lost to the base
 * rate out of sample the panel also says so in the same fixed words, so it cannot be missed.
 */
export function modelVerdict(model: PatternStudy['model']): { beats: boolean; headline: string; detail: string } {
  const brier = (v: number | null) => (v === null ? '–' : v.toFixed(4));
  const detail = `Brier ${brier(model.brier)} (model) vs ${brier(model.baseBrier)} (base rate), ${model.n} out-of-sample predictions. ${model.verdict}`;
  if (model.beatsBase) return { beats: true, headline: 'The model beats the base rate out of sample.', detail };
  return { beats: false, headline: 'The model does not beat the base rate out of sample.', detail };
}

/**
 * The asset an event links to: the member of the sector listed on the most venues right now
 * (the renderer has no open interest; venue count is the best proxy for the sector's largest
 * liquid asset), ties broken by name so the link is stable.
 */
export function sectorLeadAsset(sector: string, sectorOfBase: ReadonlyMap<string, string>, rows: Iterable<Opportunity>): string | null {
  let best: Opportunity | null = null;
  for (const row of rows) {
    if (sectorOfBase.get(row.base) !== sector) continue;
    if (!best || row.legs.length > best.legs.length || (row.legs.length === best.legs.length && row.base < best.base)) best = row;
  }
  return best?.base ?? null;
}
