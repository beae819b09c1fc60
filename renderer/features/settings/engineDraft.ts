import type { EngineSettings } from '../../../shared/domain/settings.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';
import { fromPct, toPct } from './percent.ts';

/** Form state in the units the trader types: percent, not decimals. */
export interface EngineDraft {
  triggerPct: string;
  extremePct: string;
  divergencePct: string;
  holdingDays: string;
  windowMinutes: string;
  capacityImpactBps: string;
  fees: Record<VenueId, { taker: string; maker: string }>;
}

export function engineDraftOf(s: EngineSettings): EngineDraft {
  const fees = {} as EngineDraft['fees'];
  for (const v of VENUE_IDS) {
    const tier = s.fees.find((f) => f.venue === v);
    fees[v] = { taker: tier?.taker === undefined ? '' : toPct(tier.taker), maker: tier?.maker === undefined ? '' : toPct(tier.maker) };
  }
  return {
    triggerPct: toPct(s.triggerSpreadPer8h),
    extremePct: toPct(s.extremeRatePer8h),
    divergencePct: toPct(s.divergencePer8h),
    holdingDays: String(s.holdingDays),
    windowMinutes: String(s.windowMinutes),
    capacityImpactBps: String(s.capacityImpactBps),
    fees,
  };
}

export function engineSettingsOf(d: EngineDraft): Partial<EngineSettings> {
  // A venue with either fee typed is a tier; the side left blank stays the venue's default (and is
  // shown as such), so a taker fee typed alone is kept rather than dropped while "saved" is reported.
  const fees = VENUE_IDS.filter((v) => d.fees[v].taker !== '' || d.fees[v].maker !== '').map((v) => ({
    venue: v,
    taker: d.fees[v].taker === '' ? undefined : fromPct(d.fees[v].taker),
    maker: d.fees[v].maker === '' ? undefined : fromPct(d.fees[v].maker),
  }));
  return {
    triggerSpreadPer8h: fromPct(d.triggerPct),
    extremeRatePer8h: fromPct(d.extremePct),
    divergencePer8h: fromPct(d.divergencePct),
    holdingDays: Number(d.holdingDays),
    windowMinutes: Number(d.windowMinutes),
    capacityImpactBps: Number(d.capacityImpactBps),
    fees,
  };
}
