/**
 * How each venue where the terminal sells spot short borrows the coin (docs/orders.md, "Spot
 * shorts"): the parameters of the opening sell and of the buy-back, the account a margin order
 * rests on, how the coins held and owed are read, and why an account cannot borrow.
 * - Binance: a cross-margin account of its own (spotMargin.ts).
 * - OKX: the trading account itself, in multi-currency or portfolio margin with auto-borrow
 *   (okxSpotBorrow.ts): a coin sold short is one balance below zero.
 * - Gate: the unified account in Multi-currency or Portfolio margin (gateSpotBorrow.ts): the
 *   spot wallet's own, its coins owed beside the balance.
 * - Bitget: a cross-margin account of its own, `autoLoan` / `autoRepay` orders (bitgetSpotBorrow.ts).
 * - Bybit: the Unified Trading Account with spot margin trading on (bybitSpotBorrow.ts).
 */
import type { Balances, Exchange, Order as CcxtOrder } from 'ccxt';
import type { Balance } from './broker.ts';
import type { VenueId } from '../../../../shared/domain/venues.ts';
import { MARGIN_LOOKUP_PARAMS, MARGIN_REPAY_PARAMS, MARGIN_SHORT_PARAMS, marginCoins, type MarginCoin } from './spotMargin.ts';
import { OKX_REPAY_PARAMS, OKX_SHORT_PARAMS, okxBorrowRefusal, okxMarginCoins } from './okxSpotBorrow.ts';
import { GATE_REPAY_PARAMS, GATE_SHORT_PARAMS, gateBorrowRefusal, gateDailyRate, gateHoldingAdjustment, gateMarginCoins } from './gateSpotBorrow.ts';
import { spotQuoteRows } from './spotHoldings.ts';
import {
  BITGET_MARGIN_PARAMS, BITGET_REPAY_PARAMS, BITGET_SHORT_PARAMS, bitgetBorrowRefusal, bitgetMarginCoins, bitgetMarginCollateral, bitgetMarginOrder,
} from './bitgetSpotBorrow.ts';
import { BYBIT_BORROW } from './bybitSpotBorrow.ts';

export interface SpotBorrow {
  /** The opening sell: borrow what the account lacks of the coin. */
  shortParams: Readonly<Record<string, string | number | boolean>>;
  /** The buy-back: what it buys repays the debt, interest first. */
  repayParams: Readonly<Record<string, string | number | boolean>>;
  /** The parameters naming the account margin orders rest on, where it is not the spot wallet (Binance, Bitget); null where it is. */
  orderAccount: Readonly<Record<string, string>> | null;
  /**
   * A margin order by our client id, where ccxt's `fetchOrder` with `orderAccount` cannot read it
   * (Bitget: the margin order lists); null when the account has none. Absent: `fetchOrder` reads it.
   */
  readOrder?(exchange: Exchange, symbol: string, clientOrderId: string): Promise<CcxtOrder | null>;
  /**
   * Each coin held or owed on the borrowing account; `spotBalance`, the spot wallet's balance
   * already read, serves where that account is the spot wallet (OKX), so one refresh reads it once.
   */
  coins(exchange: Exchange, spotBalance?: Balances): Promise<Map<string, MarginCoin>>;
  /**
   * What the spot wallet's balance of each coin needs added to read as the pairs hold it: the
   * margin account's net where it is apart (Binance); the interest where the wallet's balance
   * already counts the debt with its interest (OKX's `eq`): the interest is owed, not coins sold.
   */
  holdingAdjustment(coin: MarginCoin): number;
  /** Why the account cannot borrow `symbol`'s coin for a spot short, in the trader's words; null when it can. */
  refusal(exchange: Exchange, symbol: string): Promise<string | null>;
  /** The borrowing account is apart from the spot wallet and its stablecoins are collateral of its own (Binance, Bitget). */
  separate: boolean;
  /** The coin's borrow rate per day, where ccxt has no `fetchCrossBorrowRate` for the venue (Gate); NaN when the venue states none. */
  dailyRate?: (exchange: Exchange, coin: string) => Promise<number>;
  /** That account's stablecoins, where it is apart (`separate`). */
  collateral?(exchange: Exchange): Promise<Balance[]>;
}

const BINANCE: SpotBorrow = {
  shortParams: MARGIN_SHORT_PARAMS,
  repayParams: MARGIN_REPAY_PARAMS,
  orderAccount: MARGIN_LOOKUP_PARAMS,
  coins: marginCoins,
  holdingAdjustment: (coin) => coin.held,
  // A Binance account without cross margin answers -3003 when the sell is sent; the terminal has
  // no cheaper read of it (docs/venues.md, "Binance cross margin").
  refusal: () => Promise.resolve(null),
  separate: true,
  collateral: (exchange) => spotQuoteRows(exchange, { type: 'margin' }),
};

const OKX: SpotBorrow = {
  shortParams: OKX_SHORT_PARAMS,
  repayParams: OKX_REPAY_PARAMS,
  orderAccount: null,
  coins: okxMarginCoins,
  holdingAdjustment: (coin) => coin.interest,
  refusal: okxBorrowRefusal,
  separate: false,
};

const GATE: SpotBorrow = {
  shortParams: GATE_SHORT_PARAMS,
  repayParams: GATE_REPAY_PARAMS,
  // ccxt reads a unified key's spot orders with `account: unified` by itself, and Gate takes
  // `account: spot` there as the unified account: one lookup finds the short's orders.
  orderAccount: null,
  coins: gateMarginCoins,
  holdingAdjustment: gateHoldingAdjustment,
  refusal: gateBorrowRefusal,
  separate: false,
  dailyRate: gateDailyRate,
};

const BITGET: SpotBorrow = {
  shortParams: BITGET_SHORT_PARAMS,
  repayParams: BITGET_REPAY_PARAMS,
  orderAccount: BITGET_MARGIN_PARAMS,
  readOrder: bitgetMarginOrder,
  coins: bitgetMarginCoins,
  holdingAdjustment: (coin) => coin.held,
  refusal: bitgetBorrowRefusal,
  separate: true,
  collateral: bitgetMarginCollateral,
};

const BORROWS: Partial<Record<VenueId, SpotBorrow>> = {
  binanceusdm: BINANCE,
  okx: OKX,
  gate: GATE,
  bitget: BITGET,
  bybit: BYBIT_BORROW,
};

/** The venue's way of borrowing for a spot short; undefined where the terminal arranges none. */
export function spotBorrowOf(venue: VenueId): SpotBorrow | undefined {
  return BORROWS[venue];
}
