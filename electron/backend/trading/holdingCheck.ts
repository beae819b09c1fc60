/**
 * The one comparison of what a venue holds with what the journal approved, per venue and
 * symbol (docs/units.md, "Checked at run time"). Start-up reconciliation uses the join with an
 * exact tolerance; the run-time check (`holdingWatch.ts`) judges each holding by one lot of
 * the venue, in coins and in USD, where the USD side is the venue's own value of the position
 * against the approved coins at the venue's mark, so a conversion wrong both ways (sent ×1000,
 * read back ÷1000) cannot hide behind itself.
 */
import type { HoldingMismatch } from '../../../shared/domain/orders.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { roundDownToStep, type LotRules } from '../../../shared/risk/lots.ts';
import type { VenuePosition } from './brokers/broker.ts';
import type { Ledger } from './ledger.ts';
import { legSizes, positionKey, type MismatchEntryData } from './ledgerFold.ts';
import { isSpotSymbol } from '../markets/spotExchange.ts';

export interface ApprovedHolding {
  venue: VenueId;
  symbol: string;
  /** Signed coins. */
  size: number;
}

/** One venue/symbol: what the journal approved there and what the venue shows (undefined: flat). */
export interface Holding extends ApprovedHolding {
  key: string;
  held: VenuePosition | undefined;
}

/**
 * What the pairs hold by the journal, net per venue/symbol: each pair's legs from its own
 * orders. Orders under no pair (the kill switch's rest, a restore) take away what no pair
 * approved, so they are not part of it.
 */
export function approvedHoldings(ledger: Ledger): Map<string, ApprovedHolding> {
  const out = new Map<string, ApprovedHolding>();
  for (const record of ledger.pairs()) {
    const sizes = legSizes(record);
    for (const [i, leg] of record.legs.entries()) {
      const key = positionKey(leg.venue, leg.symbol);
      const held = out.get(key) ?? { venue: leg.venue, symbol: leg.symbol, size: 0 };
      held.size += sizes[i];
      out.set(key, held);
    }
  }
  return out;
}

/**
 * `venue`'s holdings joined with what was approved there: every approved venue/symbol, and
 * with `everyHeld` also every position the venue shows that nothing approved.
 */
export function holdingsOf(
  venue: VenueId, approved: ReadonlyMap<string, ApprovedHolding>, held: Iterable<VenuePosition>, everyHeld: boolean,
): Holding[] {
  const shown = new Map([...held].map((position) => [positionKey(venue, position.symbol), position]));
  const out: Holding[] = [];
  for (const [key, holding] of approved) {
    const position = shown.get(key);
    if (holding.venue === venue) out.push({ ...holding, key, held: position === undefined ? undefined : pairsShare(position, holding.size) });
  }
  if (!everyHeld) return out;
  for (const [key, position] of shown) {
    if (!approved.has(key) && !isSpotSymbol(position.symbol)) out.push({ venue, symbol: position.symbol, size: 0, key, held: position });
  }
  return out;
}

/**
 * A spot leg is a coin balance, and coins beyond what the pairs bought are the trader's own,
 * not a difference from what was approved (docs/orders.md, "Spot legs"): only a shortfall counts.
 * A borrowed spot short is the pairs' own debt (docs/orders.md, "Spot shorts"): it counts whole.
 */
function pairsShare(position: VenuePosition, approvedSize: number): VenuePosition {
  if (!isSpotSymbol(position.symbol) || approvedSize < 0 || position.size <= approvedSize) return position;
  const share = Math.max(0, approvedSize);
  return { ...position, size: share, venueUsd: position.venueUsd === null ? null : (position.venueUsd * share) / position.size };
}

/** Decimal slack on the venue's stated value (its strings are rounded). */
const USD_SLACK = 1e-6;
/** Relative slack on coins for binary floating point. */
const COIN_SLACK = 1e-9;

const side = (coins: number) => (Math.abs(coins) < 1e-12 ? 'flat' : `${coins > 0 ? 'long' : 'short'} ${Number(Math.abs(coins).toPrecision(10))}`);
const usd = (value: number) => `$${value.toFixed(2)}`;

/**
 * The holding's mismatch beyond one lot of its venue (`lot.step` coins), or null when the
 * venue holds what was approved within one lot, in coins and in the venue's own USD.
 */
export function judgeHolding(holding: Holding, lot: LotRules | null, asset: string): MismatchEntryData | null {
  const approvedCoins = holding.size;
  const venueCoins = holding.held?.size ?? 0;
  const lotCoins = lot?.step ?? null;
  const mark = holding.held !== undefined && holding.held.markPrice > 0 ? holding.held.markPrice : null;
  const venueUsd = holding.held === undefined ? 0 : holding.held.venueUsd;
  const approvedUsd = mark === null ? null : Math.abs(approvedCoins) * mark;
  const coinTolerance = (lotCoins ?? 0) + COIN_SLACK * Math.max(Math.abs(approvedCoins), Math.abs(venueCoins));
  // A spot wallet's balance (ccxt names spot markets without a settle currency) may hold the
  // trader's own coins besides the leg's: only less than approved is a mismatch there. A
  // borrowed short (approved below zero) is the pairs' debt alone, off either way.
  const wallet = !holding.symbol.includes(':') && approvedCoins >= 0;
  const coinsOff = wallet ? approvedCoins - venueCoins > coinTolerance : Math.abs(venueCoins - approvedCoins) > coinTolerance;
  const usdOff = !coinsOff && !wallet && mark !== null && venueUsd !== null && approvedUsd !== null
    && Math.abs(venueUsd - approvedUsd) > (lotCoins ?? 0) * mark + USD_SLACK * Math.max(venueUsd, approvedUsd);
  if (!coinsOff && !usdOff) return null;
  const where = `${holding.venue} ${holding.symbol}`;
  const reason = coinsOff
    ? `${where}: the venue holds ${side(venueCoins)} ${asset}, the journal approved ${side(approvedCoins)} (one lot is ${lotCoins ?? 'not stated'} ${asset})`
    : `${where}: the venue values the position at ${usd(venueUsd!)}, the approved ${side(approvedCoins)} ${asset} is ${usd(approvedUsd!)} at the venue's mark: the terminal's conversion of this market is wrong`;
  return { venue: holding.venue, symbol: holding.symbol, approvedCoins, venueCoins, approvedUsd, venueUsd, lotCoins, reason, ...(coinsOff ? restoreOf(holding, lotCoins, asset) : restoreByValue(holding, lotCoins, asset, approvedUsd!)) };
}

const NO_ADDING = 'restoring it would add exposure, which the terminal does not offer; close the pair reduce-only, or check the venue and the journal';

/**
 * The reduce-only order when only the venue's USD value differs: the venue's value is the
 * outside truth, the terminal's coins are not. The order is the share of the position the
 * venue values above the approved USD (1 − approved ÷ venue value) of the coins the terminal
 * reads: the order goes out through the same conversion as that reading, so the share of the
 * venue's position it takes is right even where the conversion is not, and a reduce-only order
 * can take at most the whole position.
 */
function restoreByValue(holding: Holding, lotCoins: number | null, asset: string, approvedUsd: number): Pick<HoldingMismatch, 'restore' | 'restoreNote'> {
  const venueCoins = holding.held?.size ?? 0;
  const venueUsd = Math.abs(holding.held?.venueUsd ?? 0);
  if (!(venueUsd > approvedUsd) || venueCoins === 0 || Math.sign(venueCoins) !== Math.sign(holding.size)) {
    return { restore: null, restoreNote: `the venue values the position below the approved size (or on the other side): ${NO_ADDING}` };
  }
  const share = 1 - approvedUsd / venueUsd;
  const quantity = roundDownToStep(Math.abs(venueCoins) * share, lotCoins);
  if (!(quantity > 0)) return { restore: null, restoreNote: 'the excess the venue values is less than one lot: nothing can be sent; reduce at the venue by hand' };
  const orderSide = venueCoins > 0 ? 'sell' as const : 'buy' as const;
  return {
    restore: { side: orderSide, quantity },
    restoreNote: `reduce-only ${orderSide} of ${(share * 100).toFixed(2)} % of the position (${quantity} ${asset} as the terminal counts them; the venue's value says the position is ${(venueUsd / approvedUsd).toPrecision(4)}× the approved ${usd(approvedUsd)}) brings it back to the approved value; the terminal's conversion of this market is wrong: check it before trading it again`,
  };
}

/**
 * The reduce-only order back to the approved size when the coins the terminal reads differ.
 * Offered only when the venue holds more than approved on the same side (or anything where
 * nothing was approved): an order never adds exposure.
 */
function restoreOf(holding: Holding, lotCoins: number | null, asset: string): Pick<HoldingMismatch, 'restore' | 'restoreNote'> {
  const venueCoins = holding.held?.size ?? 0;
  const sameSide = holding.size === 0 || Math.sign(venueCoins) === Math.sign(holding.size);
  const excess = roundDownToStep(Math.abs(venueCoins) - Math.abs(holding.size), lotCoins);
  if (!sameSide || !(excess > 0) || venueCoins === 0) {
    return { restore: null, restoreNote: `the venue holds less than approved (or the other side): ${NO_ADDING}` };
  }
  const orderSide = venueCoins > 0 ? 'sell' as const : 'buy' as const;
  return {
    restore: { side: orderSide, quantity: excess },
    restoreNote: `reduce-only ${orderSide} ${excess} ${asset} on ${holding.venue} brings the venue back to the approved ${side(holding.size)}`,
  };
}
