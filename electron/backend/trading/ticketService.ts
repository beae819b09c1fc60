/**
 * The ticket service: previews a ticket on main's own fresh data and
 * submits it to the order gateway only when the checklist passes on that same data. The
 * renderer's numbers are never used: the schema strips them, and everything is recomputed
 * here from quotes, order books, balances and tiers fetched for this call.
 */
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import type { VenueFees } from '../../../shared/domain/fees.ts';
import type { ExitRules, PairExecutionResult, PairIntent } from '../../../shared/domain/orders.ts';
import type { ChecklistSnapshot, RiskSettings, Ticket, TicketPreview, TicketReceipt } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { AlignmentTag } from '../../../shared/domain/sectors.ts';
import { buildPreview, type LegMarket, type OrderBookSides } from '../../../shared/risk/preview.ts';
import { failingItems } from '../../../shared/risk/checklist.ts';
import { ratePer8h } from '../../../shared/funding/normalise.ts';
import { defaultDecay, type SpreadDecay } from '../../../shared/funding/decay.ts';
import type { RealisedVolatility } from '../../../shared/risk/volatility.ts';
import { assertSpotLegTradable, assertTicketShape } from './ticketShape.ts';
import { TicketDataError, TicketInvalidError, TicketRefusedError } from './ticketErrors.ts';
import { legsInSendingOrder } from './legOrder.ts';
import type { MarketInfo } from './venueMarket.ts';
import { nettingRefusal } from './legNetting.ts';
import type { Ledger } from './ledger.ts';
import type { MarketUnits } from '../../../shared/domain/units.ts';

export type { MarketInfo };

export interface PairGateway {
  submitPair(intent: PairIntent): Promise<PairExecutionResult>;
}

export interface TicketServiceDeps {
  quotes: () => readonly FundingQuote[];
  /** In coins at prices per coin (docs/units.md). */
  orderBook: (venue: VenueId, symbol: string, depth: number) => Promise<OrderBookSides>;
  /** How a market's venue amounts and prices convert to coins. */
  units: (venue: VenueId, symbol: string) => MarketUnits;
  balances: (venue: VenueId) => Promise<{ equity: number; free: number }>;
  settings: () => EngineSettings & RiskSettings;
  alignment: (base: string) => { tag: AlignmentTag; reason: string };
  gateway: PairGateway;
  /** Current funding-arbitrage notional (USD, one leg per pair). */
  exposure: () => number;
  now: () => number;
  /** Maintenance tiers and maximum leverage; without it conservative defaults apply. */
  marketInfo?: (venue: VenueId, symbol: string) => Promise<MarketInfo>;
  /** Recent settled rates of a symbol, per its own interval (for the rate-chasing check). */
  recentRates?: (venue: VenueId, symbol: string) => Promise<readonly FundingQuote[] | readonly number[]>;
  /** Levels per side fetched for slippage (default 500). */
  bookDepth?: number;
  /** The margin mode a venue account fixes for every symbol (Bybit unified), null where the ticket sets it. */
  accountMarginMode?: (venue: VenueId, symbol: string) => Promise<'cross' | 'isolated' | null>;
  /** Realised volatility of a perp leg's price from stored closes (for the liquidation check); null without history. */
  volatility?: (venue: VenueId, symbol: string) => Promise<RealisedVolatility | null>;
  /** How the ticket's pair spread decays, fitted on stored history (docs/domain.md §1); without it the conservative default. */
  decay?: (ticket: Ticket) => SpreadDecay;
  /** The fees in force with their sources (account, Settings, default); without it Settings over the defaults. */
  fees?: () => readonly VenueFees[];
  /** The journal's pairs, whose live legs a ticket must not net away (legNetting.ts); without it none are held. */
  ledger?: Pick<Ledger, 'pairs'>;
}

export interface TicketService {
  preview(ticket: Ticket): Promise<TicketPreview>;
  /** Throws TicketRefusedError naming the failing items when the checklist does not pass. */
  submit(ticket: Ticket): Promise<TicketReceipt>;
}

const NO_INFO: MarketInfo = { tiers: null, maxLeverage: null };

async function fetching<T>(ticketId: string, what: string, fetch: () => Promise<T>): Promise<T> {
  try {
    return await fetch();
  } catch (error) {
    throw new TicketDataError(ticketId, what, error);
  }
}

function fetchingNow<T>(ticketId: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new TicketDataError(ticketId, what, error);
  }
}

function meanAbsPer8h(rates: readonly FundingQuote[] | readonly number[], intervalHours: number): number | null {
  if (rates.length === 0) return null;
  let sum = 0;
  for (const r of rates) sum += Math.abs(typeof r === 'number' ? ratePer8h(r, intervalHours) : ratePer8h(r.rate ?? r.lastSettledRate ?? 0, r.intervalHours));
  return sum / rates.length;
}

/** The exits journalled with the intent: the ticket's levels, the max-loss stop in USD as previewed, each with its action. */
function exitRulesOf(ticket: Ticket, result: TicketPreview): ExitRules {
  const { basisStop, maxLoss, takeProfit, maxHolding } = ticket.exitActions;
  return {
    takeProfitSpreadPer8h: ticket.takeProfitSpreadPer8h ?? undefined, basisStopPct: ticket.basisStopPct ?? undefined,
    maxHoldingHours: ticket.maxHoldingHours ?? undefined, maxLossUsd: result.risk.maxLossUsd > 0 ? result.risk.maxLossUsd : undefined,
    actions: { 'basis-stop': basisStop, 'max-loss': maxLoss, 'take-profit': takeProfit, 'max-holding': maxHolding, 'sector-reversed': 'alert' },
  };
}

export function createTicketService(deps: TicketServiceDeps): TicketService {
  const depth = deps.bookDepth ?? 500;
  const submitted = new Set<string>();

  async function legMarket(ticket: Ticket, index: 0 | 1): Promise<LegMarket> {
    const leg = ticket.legs[index];
    const where = `${leg.symbol} on ${leg.venue}`;
    const quote = leg.instrument === 'perp' ? deps.quotes().find((q) => q.venue === leg.venue && q.symbol === leg.symbol) ?? null : null;
    const perp = leg.instrument === 'perp';
    const [book, info, history, accountMarginMode, volatility] = await Promise.all([
      fetching(ticket.ticketId, `order book of ${where}`, () => deps.orderBook(leg.venue, leg.symbol, depth)),
      // A spot leg has no tiers, but its lot rules come from the same read.
      deps.marketInfo ? fetching(ticket.ticketId, `${perp ? 'margin tiers' : 'lot rules'} of ${where}`, () => deps.marketInfo!(leg.venue, leg.symbol)) : NO_INFO,
      perp && deps.recentRates ? fetching(ticket.ticketId, `recent funding rates of ${where}`, () => deps.recentRates!(leg.venue, leg.symbol)) : [],
      perp && deps.accountMarginMode ? fetching(ticket.ticketId, `margin mode of the ${leg.venue} account`, () => deps.accountMarginMode!(leg.venue, leg.symbol)) : null,
      perp && deps.volatility ? fetching(ticket.ticketId, `price history of ${where}`, () => deps.volatility!(leg.venue, leg.symbol)) : null,
    ]);
    // A spot sell borrows its coin: an account that cannot lend it is refused before anything is sent (docs/orders.md, "Spot shorts").
    if (leg.instrument === 'spot' && leg.side === 'sell' && info.borrowRefusal) throw new TicketInvalidError(ticket.ticketId, `${leg.symbol}: ${info.borrowRefusal}; nothing was sent`);
    const units = fetchingNow(ticket.ticketId, `units of ${where}`, () => deps.units(leg.venue, leg.symbol));
    return {
      quote, book, units, tiers: info.tiers, maxLeverage: info.maxLeverage, lot: info.lot ?? null, recentMeanAbsPer8h: meanAbsPer8h(history, quote?.intervalHours ?? 8), accountMarginMode, volatility,
      borrow: info.borrow ?? null,
    };
  }

  async function balancesOf(ticket: Ticket): Promise<Map<VenueId, { equity: number; free: number }>> {
    const venues = [...new Set(ticket.legs.map((leg) => leg.venue))];
    const found = await Promise.all(venues.map((venue) => fetching(ticket.ticketId, `balance on ${venue}`, () => deps.balances(venue))));
    if (found.reduce((sum, b) => sum + b.equity, 0) <= 0) throw new TicketInvalidError(ticket.ticketId, `no equity on ${venues.join(', ')}: check the accounts' balances and keys`);
    return new Map(venues.map((venue, i) => [venue, found[i]]));
  }

  async function preview(ticket: Ticket): Promise<TicketPreview> {
    assertTicketShape(ticket, (leg) => {
      try {
        return deps.units(leg.venue, leg.symbol).asset;
      } catch {
        return null; // an unknown market: the symbol is checked instead, and pricing names the market
      }
    });
    assertSpotLegTradable(ticket);
    const netting = deps.ledger ? nettingRefusal(ticket, deps.ledger) : null;
    if (netting) throw new TicketInvalidError(ticket.ticketId, netting);
    const [a, b, balances] = await Promise.all([legMarket(ticket, 0), legMarket(ticket, 1), balancesOf(ticket)]);
    const { holdingDays, fees, triggerSpreadPer8h, extremeRatePer8h, divergencePer8h, windowMinutes, notifyKinds, alertRules, venuesOff, capacityImpactBps, ...risk } = deps.settings();
    const engine = { holdingDays, fees, triggerSpreadPer8h, extremeRatePer8h, divergencePer8h, windowMinutes, notifyKinds, alertRules, venuesOff, capacityImpactBps };
    return buildPreview({
      ticket, now: deps.now(), engine, risk, markets: [a, b], balances,
      currentExposureUsd: deps.exposure(), alignment: deps.alignment(ticket.base),
      fees: deps.fees?.(),
      decay: deps.decay ? fetchingNow(ticket.ticketId, 'spread history of the pair', () => deps.decay!(ticket)) : defaultDecay('no stored history of this pair'),
    });
  }

  function intentOf(ticket: Ticket, result: TicketPreview, snapshot: ChecklistSnapshot): PairIntent {
    const legs = ticket.legs.map((leg) => ({
      venue: leg.venue, symbol: leg.symbol, side: leg.side, quantity: result.quantity, reduceOnly: false, maxSlippagePct: result.maxSlippagePct,
      ...(leg.instrument === 'perp' ? { leverage: ticket.leverage, marginMode: ticket.marginMode } : {}),
    }));
    return {
      ticketId: ticket.ticketId,
      legs: legsInSendingOrder(legs, result),
      legOrder: ticket.legOrder,
      legTimeoutMs: ticket.legTimeoutMs,
      checklist: snapshot,
      override: ticket.override,
      exits: exitRulesOf(ticket, result),
    };
  }

  async function submit(ticket: Ticket): Promise<TicketReceipt> {
    if (submitted.has(ticket.ticketId)) throw new TicketInvalidError(ticket.ticketId, 'was already submitted; a new trade needs a new ticket');
    const result = await preview(ticket);
    const failing = failingItems(result.checklist);
    if (failing.length) {
      throw new TicketRefusedError({
        ticketId: ticket.ticketId,
        failing,
        message: `ticket ${ticket.ticketId} refused, checklist failing: ${failing.map((i) => `${i.id} (${i.detail})`).join('; ')}`,
      });
    }
    submitted.add(ticket.ticketId);
    const { checklist, passed: _passed, ...figures } = result;
    const snapshot: ChecklistSnapshot = { evaluatedAt: result.computedAt, items: checklist, alignment: result.alignment, override: ticket.override, preview: figures };
    const execution = await deps.gateway.submitPair(intentOf(ticket, result, snapshot));
    return { ticketId: ticket.ticketId, submittedAt: deps.now(), checklist: snapshot, execution };
  }

  return { preview, submit };
}
