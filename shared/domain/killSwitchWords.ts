/**
 * The kill switch's report in words, the same in the alerts, the report dialog and the status
 * bar: a venue reads "flat" only when it answered flat; one it could not reach reads NOT FLAT
 * with what the journal holds there (see docs/kill-switch.md).
 */
import type { JournalHold, KillSwitchReport, KillSwitchVenue } from './killSwitch.ts';
import { VENUES } from './venues.ts';

/** "BTC/USDT:USDT short 0.05, ETH/USDT:USDT long 5.7" (base coins). */
export function holdsText(holds: readonly JournalHold[]): string {
  return holds.map((hold) => `${hold.symbol} ${hold.side} ${Number(hold.size.toPrecision(10))}`).join(', ');
}

function counts(row: KillSwitchVenue): string {
  return `${row.cancelledOrders} ${row.cancelledOrders === 1 ? 'order' : 'orders'} cancelled, ${row.closedPositions} ${row.closedPositions === 1 ? 'position' : 'positions'} closed`;
}

function gaps(row: KillSwitchVenue): string {
  return row.journalGaps.length === 0 ? '' : `; NOT IN THE JOURNAL (it could not be written): ${row.journalGaps.join('; ')}`;
}

/**
 * One venue's line. `afterMs` is said for a venue still not flat once the deadline has passed
 * ("NOT FLAT after 30 s"); a venue flat by its own answer whose journal still holds legs says so.
 */
export function venueVerdict(row: KillSwitchVenue, afterMs?: number): string {
  const label = VENUES[row.venue].label;
  const held = row.journalHolds.length ? holdsText(row.journalHolds) : null;
  if (row.flat) {
    return `${label}: flat — ${counts(row)}${held ? `; the journal still holds ${held}: reconcile` : ''}${gaps(row)}`;
  }
  const after = afterMs === undefined ? '' : ` after ${Math.round(afterMs / 1000)} s`;
  const holds = held ? `holds by the journal: ${held}` : 'the journal holds nothing there (unverified)';
  if (!row.reachable) return `${label}: NOT FLAT${after} — unreachable; ${holds} (${row.error ?? 'no answer'})${gaps(row)}`;
  return `${label}: NOT FLAT${after} — ${holds}; ${counts(row)} (${row.error ?? 'positions remain'})${gaps(row)}`;
}

/** What the kill switch keeps doing after its deadline, or how its background retries ended; null when nothing was left. */
export function retryText(report: KillSwitchReport, now: number): string | null {
  const { retry } = report;
  if (retry.active) {
    const next = retry.nextAt === null ? '' : `, next in ${Math.max(0, Math.ceil((retry.nextAt - now) / 1000))} s`;
    return `retrying in the background (${retry.attempts} ${retry.attempts === 1 ? 'attempt' : 'attempts'} so far${next}); re-arm stops it`;
  }
  if (retry.endedBy === 'flat') return `flat after ${retry.attempts} background ${retry.attempts === 1 ? 'attempt' : 'attempts'}`;
  if (retry.endedBy === 're-armed') return 're-armed: background retries stopped with venues not flat; check them by hand';
  if (retry.endedBy === 'stopped') return 'background retries stopped (the terminal is shutting down or the kill switch was pressed again)';
  return null;
}

/** The venues not flat, each in words (empty when every venue is flat). */
export function openVenueLines(report: KillSwitchReport): string[] {
  return report.venues.filter((row) => !row.flat).map((row) => venueVerdict(row, report.deadlineMs));
}
