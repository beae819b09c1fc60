import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';
import { TradingStateSchema } from './tradingState.ts';

/** A position the journal says is open at a venue, in base coins (what the kill switch names). */
export const JournalHoldSchema = z.object({
  symbol: z.string(),
  side: z.enum(['long', 'short']),
  /** Base coins, > 0. */
  size: z.number().positive(),
});
export type JournalHold = z.infer<typeof JournalHoldSchema>;

/** One venue in the kill switch's report: every venue the journal or the vault knows has a row. */
export const KillSwitchVenueSchema = z.object({
  venue: VenueIdSchema,
  flat: z.boolean(),
  /** False when the venue could not be reached (its account not opened, or not answering). */
  reachable: z.boolean(),
  cancelledOrders: z.number().int().nonnegative(),
  closedPositions: z.number().int().nonnegative(),
  error: z.string().nullable(),
  /** What the journal says is still open there, after the flatten. */
  journalHolds: z.array(JournalHoldSchema),
  /** Entries the journal could not write for this venue's orders (disk full): what was sent but is not on record. */
  journalGaps: z.array(z.string()),
});
export type KillSwitchVenue = z.infer<typeof KillSwitchVenueSchema>;

export const KillSwitchReportSchema = z.object({
  /** Wall-clock times of the press and of the end of the flatten within the deadline. */
  engagedAt: z.number().int(),
  finishedAt: z.number().int(),
  deadlineMs: z.number().int().positive(),
  venues: z.array(KillSwitchVenueSchema),
  state: TradingStateSchema,
  /** After the deadline: the venues not flat are retried in the background until flat or re-armed. */
  retry: z.object({
    active: z.boolean(),
    attempts: z.number().int().nonnegative(),
    /** Wall-clock time of the next background attempt, while active. */
    nextAt: z.number().int().nullable(),
    endedBy: z.enum(['flat', 're-armed', 'stopped']).nullable(),
  }),
});
export type KillSwitchReport = z.infer<typeof KillSwitchReportSchema>;
