import type { Alert, Leg, Opportunity } from '../../shared/domain/signals.ts';
import type { AssetAlertRule, EngineSettings } from '../../shared/domain/settings.ts';
import { VENUES, type VenueId } from '../../shared/domain/venues.ts';
import { pairSideLabel } from '../../shared/funding/spread.ts';

/**
 * Hysteresis: a condition that fired re-arms only once its value is back inside the limit by
 * this share of the limit (an extreme rate of 0.1000 % per 8 h re-arms below 0.0800 %), so a
 * value wobbling on the threshold alerts once (docs/screens.md, "Alerts").
 */
export const REARM_MARGIN = 0.2;

/** A decimal as a percentage with its sign said the same way as the limits': "−0.1000 %". */
function pct(fraction: number, digits = 4): string {
  const text = `${Math.abs(fraction * 100).toFixed(digits)} %`;
  return fraction < 0 && Number(text.slice(0, -2)) !== 0 ? `−${text}` : text;
}

/** A signed value against a ± limit, said the way round it was met: "below −0.1000 %", never "−0.1 % is beyond ±0.1 %". */
function againstLimit(value: number, limit: number): string {
  return value < 0 ? `at or below −${pct(limit)}` : `at or above +${pct(limit)}`;
}

/** True once the value is back inside `limit` by the re-arm margin. */
function backInside(magnitude: number, limit: number): boolean {
  return magnitude < limit * (1 - REARM_MARGIN);
}

const rulesBySettings = new WeakMap<readonly AssetAlertRule[], ReadonlyMap<string, AssetAlertRule>>();

/** The trader's rule for one asset, if any (looked up per row, so indexed once per settings). */
function ruleFor(settings: EngineSettings, base: string): AssetAlertRule | undefined {
  let rules = rulesBySettings.get(settings.alertRules);
  if (!rules) rulesBySettings.set(settings.alertRules, rules = new Map(settings.alertRules.map((rule) => [rule.base, rule])));
  return rules.get(base);
}

/**
 * Conditions that fired and have not re-armed yet: per asset, per venue ('' for the asset's own
 * trigger and the market's divergence), the symbols (or the condition's name). Looked up by its
 * parts, so no condition key is built unless an alert is (a venue poll recomputes every row with a
 * leg there, and hashing a fresh key string per row and leg was the largest cost of that update).
 */
class Latches {
  private readonly perBase = new Map<string, Map<string, Set<string>>>();

  /** Whether any condition of `base` is latched: when none is and none holds there is nothing to enter or re-arm. */
  any(base: string): boolean {
    return this.perBase.has(base);
  }

  /** True when the condition (`base`, `venue`, `name`) enters now while armed; `rearm` says its value is back inside the margin. */
  enter(base: string, venue: string, name: string, holds: boolean, rearm: boolean): boolean {
    const venues = this.perBase.get(base);
    const names = venues?.get(venue);
    const latched = names?.has(name) ?? false;
    if (holds) {
      if (latched) return false;
      if (names) names.add(name);
      else if (venues) venues.set(venue, new Set([name]));
      else this.perBase.set(base, new Map([[venue, new Set([name])]]));
      return true;
    }
    if (rearm && latched) {
      names!.delete(name);
      if (names!.size === 0) venues!.delete(venue);
      if (venues!.size === 0) this.perBase.delete(base);
    }
    return false;
  }
}

/**
 * Turns row changes into alerts. Alerts mark changes, the monitor shows state: a condition
 * alerts when it is entered (not on first sight of an asset, not on every tick), and once
 * fired it stays silent until its value has come back past the limit by `REARM_MARGIN`.
 */
export class AlertTracker {
  private readonly latches = new Latches();
  /** Window alerts already sent, by id, with the settlement they announce (pruned once past). */
  private readonly windowsSent = new Map<string, number>();

  /** Appends to `out` the alerts of one recomputed row against its previous version (none on first sight). */
  rowAlerts(prev: Opportunity | undefined, row: Opportunity, settings: EngineSettings, now: number, out: Alert[]): void {
    // A leg seen for the first time does not alert, nor does the trigger it completes: at start
    // the venues' answers arrive one by one, and every extreme leg and every spread they complete
    // would flood in as "entered" (docs/screens.md, "Alerts").
    const seenBefore = (leg: Leg) => prev?.legs.some((before) => before.venue === leg.venue && before.symbol === leg.symbol) ?? false;
    // A muted asset's conditions still latch, so that un-muting it does not alert what already held.
    const rule = ruleFor(settings, row.base);
    const speak = rule?.muted !== true;
    const extremeLimit = rule?.extremeRatePer8h ?? settings.extremeRatePer8h;
    const latched = this.latches.any(row.base);
    const spreadBack = row.spreadPer8h === null || backInside(row.spreadPer8h, settings.triggerSpreadPer8h);
    if ((latched || row.triggered) && this.latches.enter(row.base, '', 'trigger', row.triggered, !row.triggered && spreadBack) && row.legs.every(seenBefore) && speak) {
      const triggerKey = `trigger:${row.base}`;
      const message = `${row.base}: spread ${pct(row.spreadPer8h!)} per 8 h reached the trigger ${pct(settings.triggerSpreadPer8h)} (long ${pairSideLabel(row.legs, row.longVenue!, 'buy')}, short ${pairSideLabel(row.legs, row.shortVenue!, 'sell')})`;
      out.push(alert(triggerKey, 'trigger', 'warn', now, row.base, null, message));
    }
    for (const leg of row.legs) {
      if (leg.stale) continue;
      const size = Math.abs(leg.ratePer8h);
      const holds = size >= extremeLimit;
      if (!holds && !latched) continue;
      const entered = this.latches.enter(row.base, leg.venue, leg.symbol, holds, backInside(size, extremeLimit));
      if (!entered || !seenBefore(leg) || !speak) continue;
      const key = `extreme:${row.base}:${leg.venue}:${leg.symbol}`;
      const own = rule?.extremeRatePer8h !== undefined ? ` (this asset's limit)` : '';
      const message = `${row.base} on ${VENUES[leg.venue].label} (${leg.symbol}): funding ${pct(leg.ratePer8h)} per 8 h is ${againstLimit(leg.ratePer8h, extremeLimit)} per 8 h${own}`;
      out.push(alert(key, 'extreme-rate', 'warn', now, row.base, leg.venue, message));
    }
  }

  /** A triggered asset whose trade legs settle within the window: once per settlement. */
  windowAlerts(rows: Iterable<Opportunity>, settings: EngineSettings, now: number): Alert[] {
    for (const [id, settlement] of this.windowsSent) if (settlement < now) this.windowsSent.delete(id);
    const out: Alert[] = [];
    const windowMs = settings.windowMinutes * 60_000;
    for (const row of rows) {
      if (!row.triggered || ruleFor(settings, row.base)?.muted) continue;
      const settlement = tradeSettlement(row);
      if (settlement === null || settlement < now || settlement - now > windowMs) continue;
      const id = `window:${row.base}:${settlement}`;
      if (this.windowsSent.has(id)) continue;
      this.windowsSent.set(id, settlement);
      const minutes = Math.ceil((settlement - now) / 60_000);
      const message = `${row.base}: settlement in ${minutes} min at ${new Date(settlement).toISOString().slice(11, 16)} UTC on a triggered spread of ${pct(row.spreadPer8h!)} per 8 h`;
      out.push({ id, kind: 'window', severity: 'info', at: now, base: row.base, venue: null, message, condition: id });
    }
    return out;
  }

  /** `wasKnown`: the previous summary had a divergence figure (no alert on first sight). */
  divergenceAlert(wasKnown: boolean, divergencePer8h: number | null, diverging: boolean, settings: EngineSettings, now: number): Alert[] {
    const rearm = divergencePer8h !== null && backInside(Math.abs(divergencePer8h), settings.divergencePer8h);
    if (!this.latches.enter('', '', 'divergence', diverging, rearm) || !wasKnown || divergencePer8h === null) return [];
    const message = `BTC − ETH funding ${pct(divergencePer8h)} per 8 h is ${againstLimit(divergencePer8h, settings.divergencePer8h)} per 8 h`;
    return [alert('divergence', 'divergence', 'warn', now, null, null, message)];
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
  return { id: `${key}@${at}`, kind, severity, at, base, venue, message, condition: key };
}
