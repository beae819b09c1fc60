/**
 * Exits defined at entry, watched while a pair is open: the spread narrowed to the target,
 * the basis stop (the legs' combined price PnL lost that fraction of the notional), the maximum
 * holding period, and "sector signal reversed" through a hook the caller supplies. A met exit
 * raises an alert; closing is the trader's decision, one call away: `closePair` builds the
 * reduce-only intent and sends it through the gateway like any ticket.
 */
import type { Pair, PairExecutionResult } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { Gateway } from './gateway.ts';
import type { Journal } from './journal.ts';
import { positionKey } from './journal.ts';
import type { PositionBook } from './positions.ts';

export interface ExitSignal {
  pairId: string;
  rule: 'take-profit' | 'basis-stop' | 'max-holding' | 'sector-reversed';
  message: string;
}

function per8h(quote: FundingQuote | undefined): number | null {
  const rate = quote?.rate ?? quote?.lastSettledRate ?? null;
  return quote === undefined || rate === null ? null : (rate * 8) / quote.intervalHours;
}

/** The carry a pair earns now: short leg's rate minus long leg's, per 8 h. */
export function pairSpreadPer8h(pair: Pair, quotes: ReadonlyMap<string, FundingQuote>): number | null {
  const long = pair.legs.find((leg) => leg.size > 0);
  const short = pair.legs.find((leg) => leg.size < 0);
  if (!long || !short) return null;
  const l = per8h(quotes.get(positionKey(long.venue, long.symbol)));
  const s = per8h(quotes.get(positionKey(short.venue, short.symbol)));
  return l === null || s === null ? null : s - l;
}

/** Which exits a pair meets now (pure). */
export function exitsMet(pair: Pair, quotes: ReadonlyMap<string, FundingQuote>, now: number, sectorReversed: boolean): ExitSignal[] {
  if (pair.status !== 'open') return [];
  const out: ExitSignal[] = [];
  const say = (rule: ExitSignal['rule'], message: string) => out.push({ pairId: pair.pairId, rule, message: `pair ${pair.pairId}: ${message}` });
  const spread = pairSpreadPer8h(pair, quotes);
  const target = pair.exits.takeProfitSpreadPer8h;
  if (target !== undefined && spread !== null && spread <= target) {
    say('take-profit', `spread narrowed to ${(spread * 100).toFixed(4)} % per 8 h (target ${(target * 100).toFixed(4)} %): take profit`);
  }
  const notional = pair.legs.reduce((max, leg) => Math.max(max, Math.abs(leg.size) * leg.entryPrice), 0);
  const pricePnl = pair.legs.reduce((sum, leg) => sum + leg.pricePnl, 0);
  const stop = pair.exits.basisStopPct;
  if (stop !== undefined && notional > 0 && -pricePnl / notional >= stop) {
    say('basis-stop', `basis moved against the pair by ${((-pricePnl / notional) * 100).toFixed(2)} % of notional (stop ${(stop * 100).toFixed(2)} %)`);
  }
  const maxHours = pair.exits.maxHoldingHours;
  if (maxHours !== undefined && now - pair.openedAt >= maxHours * 3_600_000) say('max-holding', `held ${((now - pair.openedAt) / 3_600_000).toFixed(1)} h, the maximum is ${maxHours} h`);
  if (sectorReversed) say('sector-reversed', 'the sector signal reversed: holding and hoping is the mistake to avoid');
  return out;
}

export interface ExitMonitorOptions {
  positions: PositionBook;
  gateway: Gateway;
  journal: Journal;
  quotes: () => readonly FundingQuote[];
  now: () => number;
  alert: (signal: ExitSignal) => void;
  /** The sector overlay's verdict for this pair: true once its signal has reversed. */
  sectorSignalReversed?: (pair: Pair) => boolean;
}

export interface ExitMonitor {
  check(): Promise<ExitSignal[]>;
  closePair(pairId: string): Promise<PairExecutionResult>;
}

export function createExitMonitor(options: ExitMonitorOptions): ExitMonitor {
  const quoteMap = () => new Map(options.quotes().map((q) => [positionKey(q.venue, q.symbol), q]));
  return {
    async check() {
      const quotes = quoteMap();
      const signals = (await options.positions.pairs())
        .flatMap((pair) => exitsMet(pair, quotes, options.now(), options.sectorSignalReversed?.(pair) ?? false));
      for (const signal of signals) options.alert(signal);
      return signals;
    },
    async closePair(pairId) {
      const pair = (await options.positions.pairs()).find((p) => p.pairId === pairId);
      if (!pair) throw new Error(`pair ${pairId}: not in the journal`);
      const legs = pair.legs.filter((leg) => leg.size !== 0).map((leg) => ({
        venue: leg.venue, symbol: leg.symbol, side: leg.size > 0 ? 'sell' as const : 'buy' as const, quantity: Math.abs(leg.size), reduceOnly: true,
      }));
      if (legs.length === 0) throw new Error(`pair ${pairId}: nothing left to close`);
      const closes = options.journal.ledger.pair(pairId)?.intents ?? 0;
      const result = await options.gateway.submitPair({
        ticketId: `${pair.ticketId}-close${closes}`, pairId, legs, legOrder: 'together', legTimeoutMs: 10_000, checklist: { close: true }, override: null,
      });
      if (result.status === 'hedged') {
        const closed = (await options.positions.pairs()).find((p) => p.pairId === pairId)!;
        await options.journal.append({ kind: 'pair-closed', pairId, venue: null, symbol: null, clientOrderId: null, data: { net: closed.net, legs: closed.legs } });
      }
      return result;
    },
  };
}
