import { z } from 'zod';
import { patchSchema } from './patch.ts';
import { VenueIdSchema } from './quotes.ts';
import { AlertKindSchema } from './signals.ts';

/** A fee tier the trader typed; a side left out is the venue's default (docs/domain.md §4 "Fees"). */
export const FeeTierSchema = z.object({ venue: VenueIdSchema, taker: z.number().min(0).max(0.01).optional(), maker: z.number().min(-0.001).max(0.01).optional() });

/**
 * The trader's alert rule for one asset (docs/screens.md, "Alerts"): its own extreme-rate limit,
 * or its market alerts (trigger, extreme rate, settlement window) muted. Trading and held-pair
 * alerts about the asset always come.
 */
export const AssetAlertRuleSchema = z.object({
  base: z.string().trim().min(1).max(40),
  /** The extreme-rate alert limit on |rate per 8 h| for this asset, decimal; the global limit when absent. */
  extremeRatePer8h: z.number().min(0).max(0.05).optional(),
  muted: z.boolean().optional(),
});
export type AssetAlertRule = z.infer<typeof AssetAlertRuleSchema>;

/** Engine and UI settings with the domain doc's defaults. */
export const EngineSettingsSchema = z.object({
  /** Cross-venue trigger, decimal per 8 h (0.0006 = 0.06 %). */
  triggerSpreadPer8h: z.number().min(0).max(0.05).default(0.0006),
  /** Extreme-rate alert threshold on |rate per 8 h|. */
  extremeRatePer8h: z.number().min(0).max(0.05).default(0.001),
  /** BTC/ETH divergence flag, decimal per 8 h. */
  divergencePer8h: z.number().min(0).max(0.05).default(0.0005),
  /** Holding period over which round-trip fees are amortised in the ranking. */
  holdingDays: z.number().min(0.04).max(365).default(3),
  /** Minutes before a settlement that count as its window. */
  windowMinutes: z.number().int().min(1).max(120).default(15),
  /** User fee tiers; venues not listed use their default schedule. */
  fees: z.array(FeeTierSchema).default([]),
  /** Alert kinds shown as desktop notifications (the alerts list shows every kind). */
  notifyKinds: z.array(AlertKindSchema).max(AlertKindSchema.options.length).default(['trading', 'position', 'venue', 'trigger']),
  /** Per-asset alert rules, one per asset. */
  alertRules: z.array(AssetAlertRuleSchema).max(300).default([]),
  /** The impact at which the monitor reads a pair's capacity from its books, basis points from the mid (docs/domain.md §4 "Capacity"). */
  capacityImpactBps: z.number().min(1).max(200).default(10),
  /** Venues the trader switched off: not polled, not streamed, no markets held, no monitor column (docs/venues.md, "Venue choice"). */
  venuesOff: z.array(VenueIdSchema).max(32).default([]),
});
export type EngineSettings = z.infer<typeof EngineSettingsSchema>;
export const DEFAULT_SETTINGS: EngineSettings = EngineSettingsSchema.parse({});

/** The session's venues the trader keeps on, in the session's order. */
export function venuesOn<V extends string>(venues: readonly V[], settings: Pick<EngineSettings, 'venuesOff'>): V[] {
  return venues.filter((venue) => !(settings.venuesOff as readonly string[]).includes(venue));
}

/** A change to the engine settings: only the fields sent. */
export const EngineSettingsPatchSchema = patchSchema(EngineSettingsSchema);
