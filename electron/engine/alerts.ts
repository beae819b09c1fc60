import type { Alert, Leg, Opportunity } from '../../shared/domain/signals.ts';
import type { EngineSettings } from '../../shared/domain/settings.ts';
import { VENUES, type VenueId } from '../../shared/domain/venues.ts';

/** A condition that clears and re-enters within this time does not alert again (flapping at a threshold). */
export const REALERT_AFTER_MS = 30 * 60_000;

function pct(fraction: number, digits = 4): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** A signed value against a ± limit, said the way round it was met: "at or below −0.1000 %", never "−0.1 % is beyond ±0.1 %". */
function againstLimit(value: number, limit: number): string {
  return value < 0 ? `at or below −${pct(limit)}` : `at or above +${pct(limit)}`;
}

function freshLeg(row: Opportunity | undefined, venue: VenueId, symbol: string): Leg | undefined {
  return row?.legs.find((leg) => leg.venue === venue && leg.symbol === symbol && !leg.stale);
}

/**
 * Turns row changes into alerts. Alerts mark changes, the monitor shows state: a condition
 * alerts when it is entered (not on first sight of an asset, not on every tick), and the
 * same condition re-entered within `REALERT_AFTER_MS` stays silent.
 */
export class AlertTracker {
  private readonly lastFired = new Map<string, number>();
  /** Window alerts already sent, by id, with the settlement they announce (pruned once past). */
  private readonly windowsSent = new Map<string, number>();

  /** Appends to `out` the alerts of one recomputed row against its previous version. */
  rowAlerts(prev: Opportunity | undefined, row: Opportunity, settings: EngineSettings, now: number, out: Alert[]): void {
    if (!prev) return;
    const triggerKey = `trigger:${row.base}`;
    if (row.triggered && !prev.triggered && this.mayFire(triggerKey, now)) {
      const message = `${row.base}: spread ${pct(row.spreadPer8h!)} per 8 h reached the trigger ${pct(settings.triggerSpreadPer8h)} (long ${VENUES[row.longVenue!].label}, short ${VENUES[row.shortVenue!].label})`;
      out.push(alert(triggerKey, 'trigger', 'warn', now, row.base, null, message));
    }
    for (const leg of row.legs) {
      if (leg.stale || Math.abs(leg.ratePer8h) < settings.extremeRatePer8h) continue;
      const before = freshLeg(prev, leg.venue, leg.symbol);
      if (before && Math.abs(before.ratePer8h) >= settings.extremeRatePer8h) continue;
      const key = `extreme:${row.base}:${leg.venue}:${leg.symbol}`;
      if (!this.mayFire(key, now)) continue;
      const message = `${row.base} on ${VENUES[leg.venue].label} (${leg.symbol}): funding ${pct(leg.ratePer8h)} per 8 h is ${againstLimit(leg.ratePer8h, settings.extremeRatePer8h)} per 8 h`;
      out.push(alert(key, 'extreme-rate', 'warn', now, row.base, leg.venue, message));
    }
  }

  /** A triggered asset whose trade legs settle within the window: once per settlement. */
  windowAlerts(rows: Iterable<Opportunity>, settings: EngineSettings, now: number): Alert[] {
    for (const [id, settlement] of this.windowsSent) if (settlement < now) this.windowsSent.delete(id);
    const out: Alert[] = [];
    const windowMs = settings.windowMinutes * 60_000;
    for (const row of rows) {
      if (!row.triggered) continue;
      const settlement = tradeSettlement(row);
      if (settlement === null || settlement < now || settlement - now > windowMs) continue;
      const id = `window:${row.base}:${settlement}`;
      if (this.windowsSent.has(id)) continue;
      this.windowsSent.set(id, settlement);
      const minutes = Math.ceil((settlement - now) / 60_000);
      const message = `${row.base}: settlement in ${minutes} min at ${new Date(settlement).toISOString().slice(11, 16)} UTC on a triggered spread of ${pct(row.spreadPer8h!)} per 8 h`;
      out.push({ id, kind: 'window', severity: 'info', at: now, base: row.base, venue: null, message });
    }
    return out;
  }

  divergenceAlert(wasDiverging: boolean | null, divergencePer8h: number | null, diverging: boolean, settings: EngineSettings, now: number): Alert[] {
    if (wasDiverging !== false || !diverging || divergencePer8h === null || !this.mayFire('divergence', now)) return [];
    const message = `BTC − ETH funding ${pct(divergencePer8h)} per 8 h is ${againstLimit(divergencePer8h, settings.divergencePer8h)} per 8 h`;
    return [alert('divergence', 'divergence', 'warn', now, null, null, message)];
  }

  private mayFire(key: string, now: number): boolean {
    const last = this.lastFired.get(key);
    if (last !== undefined && now - last < REALERT_AFTER_MS) return false;
    this.lastFired.set(key, now);
    return true;
  }
}

/** The earliest settlement among the long and short legs of the trade. */
function tradeSettlement(row: Opportunity): number | null {
  let earliest: number | null = null;
  for (const leg of row.legs) {
    if (leg.stale || (leg.venue !== row.longVenue && leg.venue !== row.shortVenue) || leg.nextFundingTime === null) continue;
    if (earliest === null || leg.nextFundingTime < earliest) earliest = leg.nextFundingTime;
  }
  return earliest;
}

/** `key` names the condition (kind, asset, venue, symbol); with the time it makes the alert's id unique. */
export function alert(key: string, kind: Alert['kind'], severity: Alert['severity'], at: number, base: string | null, venue: VenueId | null, message: string): Alert {
  return { id: `${key}@${at}`, kind, severity, at, base, venue, message };
}
