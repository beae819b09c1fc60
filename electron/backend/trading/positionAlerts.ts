/**
 * Alerts about the pairs the trader holds that are not exits (docs/exits.md, "Alerts on held
 * pairs"): a stop coming near, and a settlement at which the pair paid funding instead of
 * earning it. Met exits (the take-profit's "spread narrowed to the target" among them) are the
 * exit monitor's own alerts and are not repeated here. Pure apart from the latch state.
 */
import type { ExitRule, ExitWatch, FundingPayment, Pair } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Alert, AlertKind } from '../../../shared/domain/signals.ts';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { positionKey } from './journal.ts';

/** What an alert is about, beside its words: grouped and filtered on (docs/screens.md, "Alerts"). */
export interface AlertAbout {
  kind?: AlertKind;
  base?: string | null;
  venue?: VenueId | null;
  condition?: string;
}

export interface PositionAlert {
  severity: Alert['severity'];
  message: string;
  about: AlertAbout;
}

/** A stop is near once its figure has gone this share of the way to the stop. */
export const NEAR_SHARE = 0.8;
/** …and it re-arms once the figure is back below this share (a figure wobbling at 80 % alerts once). */
export const NEAR_REARM_SHARE = 0.6;

const NEAR_WATCHED: readonly ExitRule[] = ['basis-stop', 'max-loss'];

/** The pair's asset as the quotes name it (a 1000PEPE contract is PEPE), else the symbol's base. */
export function pairBase(legs: ReadonlyArray<{ venue: VenueId; symbol: string }>, quotes: ReadonlyMap<string, FundingQuote>): string | null {
  const leg = legs[0];
  if (!leg) return null;
  return quotes.get(positionKey(leg.venue, leg.symbol))?.base ?? leg.symbol.split('/')[0];
}

/** How far the exit's figure has gone towards its threshold (1 = met); null without a figure or a threshold. */
function shareOfWay(watch: ExitWatch): number | null {
  if (watch.value === null || watch.threshold === 0) return null;
  return watch.value / watch.threshold;
}

const pct = (value: number) => `${(value * 100).toFixed(2)} %`;
const usd = (value: number) => `${value < 0 ? '−' : '+'}$${Math.abs(value).toFixed(2)}`;

function nearSentence(pair: Pair, base: string | null, watch: ExitWatch, share: number): string {
  const who = `pair ${pair.pairId}${base ? ` (${base})` : ''}`;
  const then = watch.action === 'close' ? 'the pair is closed there' : 'alert only there: nothing closes the pair';
  const way = `${Math.round(share * 100)} % of the way`;
  if (watch.rule === 'basis-stop') return `${who}: basis moved ${pct(watch.value!)} against the pair, ${way} to its basis stop of ${pct(watch.threshold)} (${then})`;
  return `${who}: net ${usd(watch.value!)}, ${way} to its maximum-loss limit of ${usd(watch.threshold)} (${then})`;
}

/**
 * Watches the stops of the open pairs: one warn alert when a stop's figure passes NEAR_SHARE of
 * the way to it, then silence until the figure is back below NEAR_REARM_SHARE. A stop already
 * met or fired says so itself (the exit monitor) and gets no "near" alert.
 */
export class StopProximity {
  private readonly latched = new Set<string>();

  alerts(pairs: readonly Pair[], quotes: ReadonlyMap<string, FundingQuote>): PositionAlert[] {
    const out: PositionAlert[] = [];
    for (const pair of pairs) {
      if (pair.status !== 'open') continue;
      for (const watch of pair.exitWatch) {
        const share = NEAR_WATCHED.includes(watch.rule) ? shareOfWay(watch) : null;
        if (share === null) continue;
        const key = `near:${watch.rule}:${pair.pairId}`;
        if (share < NEAR_REARM_SHARE) this.latched.delete(key);
        if (share < NEAR_SHARE || this.latched.has(key)) continue;
        this.latched.add(key);
        if (share >= 1 || watch.firedAt !== null) continue;
        const base = pairBase(pair.legs, quotes);
        out.push({ severity: 'warn', message: nearSentence(pair, base, watch, share), about: { kind: 'position', base, condition: key } });
      }
    }
    return out;
  }
}

/** A funding entry the journal gained for a pair: the pair's share of one payment. */
export type PairPayment = Pick<FundingPayment, 'venue' | 'symbol' | 'time' | 'amount'> & { pairId: string };

const MINUTE_MS = 60_000;

/**
 * Funding paid by a held pair: one alert at the first settlement at which the pair, over its
 * legs settling then, paid instead of earning; silence while it keeps paying, and one again
 * after a settlement at which it earned. Legs settling at other times (a 1 h leg against an
 * 8 h one) are judged at their own settlements: at 01:00 the 1 h leg alone is what the pair paid.
 */
export class FundingPaidWatch {
  private readonly paying = new Set<string>();

  alerts(payments: readonly PairPayment[], baseOf: (pairId: string) => string | null): PositionAlert[] {
    const out: PositionAlert[] = [];
    for (const legs of bySettlement(payments)) {
      const { pairId, time } = legs[0];
      const net = legs.reduce((sum, leg) => sum + leg.amount, 0);
      if (net > 0) this.paying.delete(pairId);
      if (net >= 0 || this.paying.has(pairId)) continue;
      this.paying.add(pairId);
      const base = baseOf(pairId);
      const each = legs.map((leg) => `${VENUES[leg.venue].label} ${leg.symbol} ${usd(leg.amount)}`).join(', ');
      out.push({
        severity: 'warn',
        message: `pair ${pairId}${base ? ` (${base})` : ''} paid funding at the ${new Date(time).toISOString().slice(11, 16)} UTC settlement instead of earning it: net ${usd(net)} (${each}); not repeated while it keeps paying`,
        about: { kind: 'position', base, condition: `funding-paid:${pairId}` },
      });
    }
    return out;
  }
}

/** The payments of each pair and settlement (to the minute), in time order. */
function bySettlement(payments: readonly PairPayment[]): PairPayment[][] {
  const groups = new Map<string, PairPayment[]>();
  for (const payment of [...payments].sort((a, b) => a.time - b.time)) {
    const key = `${payment.pairId}@${Math.floor(payment.time / MINUTE_MS)}`;
    const group = groups.get(key);
    if (group) group.push(payment);
    else groups.set(key, [payment]);
  }
  return [...groups.values()];
}
