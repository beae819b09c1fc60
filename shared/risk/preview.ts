/**
 * The ticket preview: every figure of the order ticket computed from one set of fresh inputs
 * (quotes, order books, balances, tiers). Pure, so main recomputes it at preview and again at
 * submit, and the bench times exactly what a recompute costs.
 */
import type { FundingQuote } from '../domain/quotes.ts';
import type { EngineSettings } from '../domain/settings.ts';
import { feeSchedule, type SourcedFee, type VenueFees } from '../domain/fees.ts';
import { withdrawalFeesFor, type LegPreview, type RiskSettings, type Ticket, type TicketLeg, type TicketPreview } from '../domain/ticket.ts';
import { SPOT_BORROW_COLLATERAL, VENUES, type VenueId } from '../domain/venues.ts';
import { ratePer8h } from '../funding/normalise.ts';
import { BREAK_EVEN_HORIZON_MS, breakEvenTime, expectedCarry, legPays, type FundingLeg, type LegCarry } from './carry.ts';
import type { SpreadDecay } from '../funding/decay.ts';
import { DEFAULT_WITHDRAWAL_FEES_USD, legCosts, legCostsTotal, planTransfers, type BookLevel, type LegCosts, type MarginNeed } from './costs.ts';
import { pairCosts } from './roundTrip.ts';
import { evaluateChecklist, checklistPassed, type LegContext } from './checklist.ts';
import { exposureAfter } from './exposure.ts';
import { crossLiquidationPrice, initialMargin, liquidationDistance, liquidationPrice, maintenanceRateFor, maxLeverageFor, type MarginTier } from './liquidation.ts';
import { commonStep, roundDownToStep, type LotRules } from './lots.ts';
import { lossAtStop, riskPct, riskSizedQuantity } from './sizing.ts';
import { adverseMove, type RealisedVolatility } from './volatility.ts';
import { maxSlippageOf } from './slippage.ts';
import { amountOf, coinPrice, type MarketUnits } from '../domain/units.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface OrderBookSides {
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
}

/** The venue's interest rate on a coin borrowed for a spot sell, per day, and when it was read. */
export interface BorrowRate {
  dailyRate: number;
  readAt: number;
}

export interface LegMarket {
  /** The funding quote of a perp leg (null when main has none, or for a spot leg). */
  quote: FundingQuote | null;
  book: OrderBookSides;
  tiers: MarginTier[] | null;
  /** The market's stated maximum; the leg's own is its tier's, by notional. */
  maxLeverage: number | null;
  recentMeanAbsPer8h: number | null;
  /** The venue's lot rules for the symbol (coins); null when unknown. */
  lot?: LotRules | null;
  /** The margin mode the venue account holds for every symbol (a Bybit unified account); null where a ticket sets it. */
  accountMarginMode?: 'cross' | 'isolated' | null;
  /** How the market's amounts and prices convert to coins; the book is already in coins. */
  units: MarketUnits;
  /** Realised volatility of the leg's price from stored closes; null without enough history. */
  volatility?: RealisedVolatility | null;
  /** A spot leg's borrow rate as the venue states it (a spot sell borrows the coin); null or absent when it gave none. */
  borrow?: BorrowRate | null;
}

export interface PreviewInputs {
  ticket: Ticket;
  now: number;
  engine: EngineSettings;
  risk: RiskSettings;
  markets: readonly [LegMarket, LegMarket];
  balances: ReadonlyMap<VenueId, { equity: number; free: number }>;
  currentExposureUsd: number;
  alignment: { tag: 'confirmed' | 'contradicted' | 'neutral'; reason: string };
  /** How the pair's spread is expected to decay to the exit, oriented as the position receives it (docs/domain.md §1). */
  decay: SpreadDecay;
  /** The fees in force per venue with their sources (docs/domain.md §4 "Fees"); without it, Settings over the defaults. */
  fees?: readonly VenueFees[];
}

/**
 * The leg's taker rate and its source: the schedule's (account, Settings or default) for a perp,
 * the venue's spot default for a spot leg (the tiers read and typed are derivatives tiers).
 */
function takerFee(inputs: PreviewInputs, leg: TicketLeg): SourcedFee {
  if (leg.instrument === 'spot') return { rate: VENUES[leg.venue].spotTakerFee, source: 'default', readAt: null };
  const schedule = inputs.fees ?? feeSchedule(inputs.engine.fees, new Map());
  return schedule.find((fee) => fee.venue === leg.venue)?.taker ?? { rate: VENUES[leg.venue].takerFee, source: 'default', readAt: null };
}

/** Mark per coin from the funding quote, else the book's mid (spot legs, or a venue without marks). */
function markOf(market: LegMarket): number {
  if (market.quote?.markPrice) return coinPrice(market.units, market.quote.markPrice);
  const bid = market.book.bids[0]?.[0];
  const ask = market.book.asks[0]?.[0];
  if (bid !== undefined && ask !== undefined) return (bid + ask) / 2;
  return bid ?? ask ?? NaN;
}

interface LegBorrow {
  dailyRate: number;
  source: 'venue' | 'settings';
  readAt: number | null;
}

/**
 * A spot sell borrows the coin it sells (docs/domain.md §4 "Cost of a spot borrow"): at the
 * venue's own daily rate for the coin, else the Settings APR spread over 365 days; null for
 * other legs.
 */
function legBorrow(inputs: PreviewInputs, index: 0 | 1): LegBorrow | null {
  const leg = inputs.ticket.legs[index];
  if (leg.instrument !== 'spot' || leg.side !== 'sell') return null;
  const stated = inputs.markets[index].borrow;
  return stated ? { dailyRate: stated.dailyRate, source: 'venue', readAt: stated.readAt } : { dailyRate: inputs.risk.spotBorrowApr / 365, source: 'settings', readAt: null };
}

/** Simple interest on the notional until the planned exit. */
function borrowCost(borrow: LegBorrow | null, notional: number, heldMs: number): number {
  return borrow === null ? 0 : (notional * borrow.dailyRate * heldMs) / DAY_MS;
}

function fundingLegOf(leg: TicketLeg, market: LegMarket, quantity: number, mark: number): FundingLeg | null {
  const quote = market.quote;
  if (leg.instrument !== 'perp' || !quote) return null;
  const rate = quote.rate ?? quote.lastSettledRate;
  if (rate === null) return null;
  return { side: leg.side, quantity, price: mark, rate, intervalHours: quote.intervalHours, nextFundingTime: quote.nextFundingTime };
}

/**
 * Share of the allowed size the suggestion leaves unused. A size exactly at the 2 % rule or
 * the exposure cap fails both the moment the price ticks up between the suggestion and the
 * submit, which re-checks on fresh marks; 1 % of headroom survives a 1 % move.
 */
const SUGGESTION_HEADROOM = 0.01;

/**
 * The risk rule's quantity, capped by the exposure room, less the headroom. Slippage grows with
 * size, so the cost fraction is re-measured at the first estimate and the size solved again.
 */
function suggestQuantity(inputs: PreviewInputs, marks: readonly number[], equity: number, exit: number): number {
  const { ticket, risk, markets } = inputs;
  const price = marks[0];
  const room = (Math.max(0, equity * risk.maxExposurePct - inputs.currentExposureUsd) / price) * (1 - SUGGESTION_HEADROOM);
  if (ticket.basisStopPct === null) return room;
  const feeFraction = ticket.legs.reduce((sum, leg, i) => sum + 2 * takerFee(inputs, leg).rate + borrowCost(legBorrow(inputs, i as 0 | 1), 1, exit - inputs.now), 0);
  const base = { equity, maxRiskPct: risk.maxRiskPct, price, basisStopPct: ticket.basisStopPct, fixedCostUsd: 0 };
  let quantity = riskSizedQuantity({ ...base, costFraction: feeFraction });
  // Both ways: the crossing and the slippage of the entry and of the estimated exit, at this size.
  const crossing = ticket.legs.reduce((sum, leg, i) => sum + legCostsTotal(legCosts(markets[i].book, leg.side, quantity, 0, 0)), 0);
  const slipFraction = quantity > 0 ? crossing / (quantity * price) : 0;
  quantity = riskSizedQuantity({ ...base, costFraction: feeFraction + slipFraction });
  return Math.min(quantity * (1 - SUGGESTION_HEADROOM), room);
}

function previewLeg(inputs: PreviewInputs, index: 0 | 1, quantity: number, mark: number, exit: number, funding: FundingLeg | null, carry: LegCarry, costs: LegCosts): Omit<LegPreview, 'takerFeeRate' | 'feeSource' | 'feeReadAt'> {
  const leg = inputs.ticket.legs[index];
  const market = inputs.markets[index];
  const notional = quantity * mark;
  const perp = leg.instrument === 'perp';
  const leverage = perp ? inputs.ticket.leverage : 1;
  const entry = Number.isFinite(costs.entryPrice) ? costs.entryPrice : mark;
  const mmr = perp ? maintenanceRateFor(market.tiers, notional, inputs.ticket.base) : null;
  const cross = perp && inputs.ticket.marginMode === 'cross';
  const equity = inputs.balances.get(leg.venue)?.equity ?? 0;
  const liquidation = mmr === null ? null : cross ? crossLiquidationPrice(leg.side, entry, quantity, equity, mmr) : liquidationPrice(leg.side, entry, leverage, mmr);
  const quote = market.quote;
  const borrow = legBorrow(inputs, index);
  return {
      venue: leg.venue, symbol: leg.symbol, side: leg.side, instrument: leg.instrument, quantity, markPrice: mark,
      venueAmount: amountOf(market.units, quantity), coinsPerAmount: market.units.coinsPerAmount,
      averageFillPrice: Number.isFinite(costs.entryPrice) ? costs.entryPrice : null, bookComplete: costs.entryComplete,
      slippageUsd: costs.entrySlippageUsd, slippagePct: costs.entrySlippagePct, farthestFillPct: costs.entryFarthestPct, feesUsd: costs.entryFeeUsd + costs.exitFeeUsd, entryFeeUsd: costs.entryFeeUsd, exitFeeUsd: costs.exitFeeUsd,
      entryHalfSpreadUsd: costs.entryHalfSpreadUsd, exitHalfSpreadUsd: costs.exitHalfSpreadUsd, exitSlippageUsd: costs.exitSlippageUsd,
      adverseMovePct: market.volatility ? adverseMove(market.volatility, (exit - inputs.now) / HOUR_MS) : null,
      volatilityReturns: market.volatility?.returns ?? 0, borrowUsd: borrowCost(borrow, notional, exit - inputs.now),
      borrowDailyRate: borrow?.dailyRate ?? null, borrowRateSource: borrow?.source ?? null, borrowRateReadAt: borrow?.readAt ?? null, leverage,
      lotStep: market.lot?.step ?? null, minQuantity: market.lot?.minQuantity ?? null, minNotional: market.lot?.minNotional ?? null,
      maintenanceMarginRate: mmr, tiersFromVenue: perp && !!market.tiers?.length,
      liquidationPrice: liquidation, liquidationDistancePct: liquidation === null ? null : liquidationDistance(entry, liquidation),
      marginMode: perp ? inputs.ticket.marginMode : null,
      // A spot buy is paid in full; a spot sell borrows the coin and holds Cross Margin Classic's collateral.
      marginNeeded: leg.instrument === 'spot' && leg.side === 'sell' ? notional * SPOT_BORROW_COLLATERAL : initialMargin(notional, leverage),
      rate: funding?.rate ?? null, rateKind: perp ? quote?.rateKind ?? null : null,
      ratePer8h: funding ? ratePer8h(funding.rate, funding.intervalHours) : null,
      intervalHours: perp ? quote?.intervalHours ?? null : null, nextFundingTime: perp ? quote?.nextFundingTime ?? null : null,
      quoteAgeMs: perp && quote ? inputs.now - quote.observedAt : null,
      settlementsToExit: carry.settlements, expectedFundingUsd: carry.amount, paysNextSettlement: funding ? legPays(funding) : false,
  };
}

function marginByVenue(inputs: PreviewInputs, legs: readonly LegPreview[]): Array<MarginNeed & { equity: number }> {
  const out: Array<MarginNeed & { equity: number }> = [];
  for (const leg of legs) {
    const found = out.find((v) => v.venue === leg.venue);
    if (found) found.needed += leg.marginNeeded;
    else {
      const balance = inputs.balances.get(leg.venue) ?? { equity: 0, free: 0 };
      out.push({ venue: leg.venue, equity: balance.equity, free: balance.free, needed: leg.marginNeeded });
    }
  }
  return out;
}

/** The maximum-loss stop in USD: as the ticket sets it, else the whole 2 % budget of this equity. */
export function maxLossOf(ticket: Ticket, risk: RiskSettings, equity: number): { maxLossUsd: number; maxLossSource: 'ticket' | 'risk-rule' } {
  if (ticket.maxLoss === null) return { maxLossUsd: risk.maxRiskPct * equity, maxLossSource: 'risk-rule' };
  return { maxLossUsd: ticket.maxLoss.unit === 'usd' ? ticket.maxLoss.value : ticket.maxLoss.value * equity, maxLossSource: 'ticket' };
}

export function buildPreview(inputs: PreviewInputs): TicketPreview {
  const { ticket, now, risk } = inputs;
  const marks = inputs.markets.map(markOf);
  const equity = [...new Set(ticket.legs.map((leg) => leg.venue))].reduce((sum, venue) => sum + (inputs.balances.get(venue)?.equity ?? 0), 0);
  const exit = now + (ticket.maxHoldingHours ?? inputs.engine.holdingDays * 24) * HOUR_MS;
  // Both legs trade one base quantity: whole lots of a step both venues can send, rounded down.
  const step = commonStep(inputs.markets.map((m) => m.lot ?? null));
  const suggestedQuantity = roundDownToStep(suggestQuantity(inputs, marks, equity, exit), step);
  const requestedQuantity = ticket.quantity ?? suggestedQuantity;
  const quantity = roundDownToStep(requestedQuantity, step);
  const funding = ticket.legs.map((leg, i) => fundingLegOf(leg, inputs.markets[i], quantity, marks[i]));
  const fundingLegs = funding.filter((leg): leg is FundingLeg => leg !== null);
  const carried = expectedCarry(fundingLegs, inputs.decay, now, exit);
  const carryOf = (i: number): LegCarry => (funding[i] ? carried[fundingLegs.indexOf(funding[i])] : { settlements: 0, amount: 0 });
  const fees = ticket.legs.map((leg) => takerFee(inputs, leg));
  const costsOf = ticket.legs.map((leg, i) => legCosts(inputs.markets[i].book, leg.side, quantity, quantity * marks[i], fees[i].rate));
  const legs = [0, 1].map((i) => ({
    ...previewLeg(inputs, i as 0 | 1, quantity, marks[i], exit, funding[i], carryOf(i), costsOf[i]),
    takerFeeRate: fees[i].rate, feeSource: fees[i].source, feeReadAt: fees[i].readAt,
  }));
  const margin = marginByVenue(inputs, legs);
  const transfers = planTransfers(margin, withdrawalFeesFor(risk, DEFAULT_WITHDRAWAL_FEES_USD));
  // Both ways, as the monitor's expected net counts them (shared/risk/roundTrip.ts), plus what only the ticket knows.
  const buyAt = ticket.legs[0].side === 'buy' ? 0 : 1;
  const pair = pairCosts(costsOf[buyAt], costsOf[1 - buyAt], quantity);
  const borrowUsd = legs.reduce((sum, leg) => sum + leg.borrowUsd, 0);
  const totalUsd = pair.totalUsd + transfers.feeUsd + borrowUsd;
  const expectedFundingUsd = legs.reduce((sum, leg) => sum + leg.expectedFundingUsd, 0);
  const breakEvenAt = breakEvenTime(fundingLegs, now, totalUsd, now + BREAK_EVEN_HORIZON_MS, inputs.decay);
  const notionalUsd = quantity * marks[0];
  const loss = ticket.basisStopPct === null ? null : lossAtStop({ notional: notionalUsd, basisStopPct: ticket.basisStopPct, costsUsd: totalUsd });
  const exposure = exposureAfter(inputs.currentExposureUsd, notionalUsd, equity, risk.maxExposurePct);
  const preview: Omit<TicketPreview, 'checklist' | 'passed'> = {
    ticketId: ticket.ticketId, computedAt: now, quantity, quantitySource: ticket.quantity === null ? 'risk-rule' : 'ticket', requestedQuantity, suggestedQuantity,
    notionalUsd, equityUsd: equity, legs,
    margin: margin.map(({ venue, equity: e, free, needed }) => ({ venue, equity: e, free, needed })),
    costs: {
      feesUsd: pair.feesUsd, slippageUsd: pair.slippageUsd, exitSlippageUsd: pair.exitSlippageUsd, crossingUsd: pair.crossingUsd,
      basisUsd: pair.basisUsd, executableBasisUsd: pair.executableBasisUsd, transferUsd: transfers.feeUsd, borrowUsd, totalUsd, transfers: transfers.moves,
    },
    plannedExitAt: exit, expectedFundingUsd, decay: inputs.decay, netUsd: expectedFundingUsd - totalUsd,
    breakEvenAt, breakEvenHours: breakEvenAt === null ? null : (breakEvenAt - now) / HOUR_MS,
    risk: { lossAtStopUsd: loss, riskPct: loss === null ? null : riskPct(loss, equity), maxRiskPct: risk.maxRiskPct, ...maxLossOf(ticket, risk, equity) },
    exposure: { currentUsd: exposure.currentUsd, afterUsd: exposure.afterUsd, afterPct: exposure.afterPct, capPct: exposure.capPct },
    alignment: inputs.alignment, maxSlippagePct: maxSlippageOf(ticket, risk),
  };
  const legContext: LegContext[] = inputs.markets.map((m, i) => ({
    maxLeverage: maxLeverageFor(m.tiers, legs[i].quantity * legs[i].markPrice, m.maxLeverage), recentMeanAbsPer8h: m.recentMeanAbsPer8h, accountMarginMode: m.accountMarginMode ?? null,
  }));
  const checklist = evaluateChecklist({ now, ticket, preview, legContext, settings: risk });
  return { ...preview, checklist, passed: checklistPassed(checklist) };
}
