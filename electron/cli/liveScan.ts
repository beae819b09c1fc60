import type { FundingQuote, VenueHealth } from '../../shared/domain/quotes.ts';
import { VENUE_IDS, VENUES, isVenueId, type VenueId } from '../../shared/domain/venues.ts';
import { createMarketData } from '../backend/markets/marketData.ts';
import { UsageError } from './io.ts';
import { monitorScan, type ScanResult } from './monitorScan.ts';

export interface LiveScanArgs {
  venues: VenueId[];
  waitMs: number;
  /** The venue simulator (or any loopback stand-in); the real venues when absent. */
  baseUrl?: string;
}

export function parseVenues(value: string | undefined): VenueId[] {
  const names = (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  const unknown = names.filter((v) => !isVenueId(v));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`scan: --venues takes a comma-separated list of ${VENUE_IDS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`);
  }
  return names as VenueId[];
}

/**
 * `scan --live`: one round of the configured venues' public funding, in the scan format. Each
 * live quote is reported at the settlement it will be paid at; a venue that does not answer
 * within the wait is named on stderr and left out, never silently.
 */
export async function liveScan(args: LiveScanArgs, warn: (line: string) => void): Promise<ScanResult> {
  const latest = new Map<string, FundingQuote>();
  let health: VenueHealth[] = [];
  const market = createMarketData({
    venues: args.venues,
    baseUrl: args.baseUrl,
    onQuotes: (changed) => changed.forEach((q) => latest.set(`${q.venue}|${q.symbol}`, q)),
    onHealth: (h) => (health = h),
    onAlert: () => {},
  });
  market.start();
  const deadline = Date.now() + args.waitMs;
  const answered = () => health.length === args.venues.length && health.every((h) => h.lastSuccessAt !== null || h.errorCount > 0);
  while (!answered() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await market.stop();
  for (const h of health) {
    if (h.lastSuccessAt === null) warn(`${VENUES[h.venue].label}: no quotes (${h.lastError ?? 'no answer within the wait'}); left out of the scan`);
  }
  // The quotes go to the engine as the monitor would take them; each is reported at the settlement it is paid at.
  const now = Date.now();
  return monitorScan([...latest.values()], now, (leg) => leg.nextFundingTime ?? now);
}
