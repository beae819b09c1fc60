/**
 * The fees the terminal counts per venue and where each came from (docs/domain.md §4 "Fees"):
 * the account's own tier read from the venue, else what the trader typed in Settings, else the
 * venue's lowest-tier default. Each fee carries its source, so every screen can say it.
 */
import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';
import type { EngineSettings } from './settings.ts';
import { VENUE_IDS, VENUES, type VenueId } from './venues.ts';

export const FeeSourceSchema = z.enum(['account', 'settings', 'default']);

/** One fee rate (decimal per fill) with its source; `readAt` is when the venue stated it (account only). */
export const SourcedFeeSchema = z.object({ rate: z.number(), source: FeeSourceSchema, readAt: z.number().int().nullable() });
export type SourcedFee = z.infer<typeof SourcedFeeSchema>;

export const VenueFeesSchema = z.object({ venue: VenueIdSchema, taker: SourcedFeeSchema, maker: SourcedFeeSchema });
export type VenueFees = z.infer<typeof VenueFeesSchema>;

/** The account's tier as a venue stated it, at `readAt`. */
export interface AccountFee {
  taker: number;
  maker: number;
  readAt: number;
}
export type AccountFees = ReadonlyMap<VenueId, AccountFee>;

/** Per venue, each of taker and maker from the first source that has it: account, Settings, the venue's default. */
export function feeSchedule(tiers: EngineSettings['fees'], account: AccountFees): VenueFees[] {
  return VENUE_IDS.map((venue) => {
    const read = account.get(venue);
    const typed = tiers.find((tier) => tier.venue === venue);
    const pick = (side: 'taker' | 'maker'): SourcedFee => {
      if (read) return { rate: read[side], source: 'account', readAt: read.readAt };
      const entered = typed?.[side];
      if (entered !== undefined) return { rate: entered, source: 'settings', readAt: null };
      return { rate: side === 'taker' ? VENUES[venue].takerFee : VENUES[venue].makerFee, source: 'default', readAt: null };
    };
    return { venue, taker: pick('taker'), maker: pick('maker') };
  });
}

/** The schedule as the engine's fee tiers: every venue, the rates in force. */
export function tiersOf(schedule: readonly VenueFees[]): EngineSettings['fees'] {
  return schedule.map((fee) => ({ venue: fee.venue, taker: fee.taker.rate, maker: fee.maker.rate }));
}

/** "account (read 21:30 UTC)", "Settings" or "venue default": the words every fee is shown with. */
export function feeSourceText(fee: Pick<SourcedFee, 'source' | 'readAt'>): string {
  if (fee.source === 'account') return fee.readAt === null ? 'account' : `account (read ${new Date(fee.readAt).toISOString().slice(11, 16)} UTC)`;
  return fee.source === 'settings' ? 'Settings' : 'venue default';
}

/** Where a spot sell's borrow rate came from: the venue's own rate for the coin (with when it was read), or Settings (docs/domain.md §4 "Cost of a spot borrow"). */
export function borrowSourceText(source: 'venue' | 'settings', readAt: number | null): string {
  if (source === 'settings') return 'Settings APR';
  return readAt === null ? 'venue' : `venue (read ${new Date(readAt).toISOString().slice(11, 16)} UTC)`;
}
