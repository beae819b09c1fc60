import { z } from 'zod';

/** Trading state as the gateway enforces it: ACTIVE, REDUCING (closing orders only) or HALTED (nothing). */
export const TradingStateSchema = z.object({
  state: z.enum(['ACTIVE', 'REDUCING', 'HALTED']),
  since: z.number().int(),
  reason: z.string().nullable(),
  /** Set when this state was left by the previous run and restored from the journal at start (the time of the start). */
  restoredAt: z.number().int().optional(),
});
export type TradingState = z.infer<typeof TradingStateSchema>;

/** "HALTED since 2026-03-04 12:00:00 UTC (kill switch pressed) — restored at start", or null when not restored. */
export function restoredStateText(state: TradingState): string | null {
  if (state.restoredAt === undefined) return null;
  const since = `${new Date(state.since).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  return `${state.state} since ${since}${state.reason ? ` (${state.reason})` : ''} — restored at start`;
}
