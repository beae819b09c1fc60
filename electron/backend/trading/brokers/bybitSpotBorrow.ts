/**
 * A spot short on Bybit's Unified Trading Account (docs/orders.md, "Spot shorts"; docs/venues.md,
 * "Bybit spot margin"). With spot margin trading on, a spot order sent with `isLeverage: 1`
 * borrows what the account lacks: a sell borrows the coin it sells, which is a spot liability
 * charged interest hourly; a spot margin buy of the coin pays it back. ccxt `bybit` has no
 * unified parameter for it: it passes `isLeverage` through into the `POST /v5/order/create` body.
 */
import type { Balances, Exchange } from 'ccxt';
import type { MarginCoin } from './spotMargin.ts';
import type { SpotBorrow } from './spotBorrow.ts';

export const BYBIT_SHORT_PARAMS = { isLeverage: 1 } as const;
export const BYBIT_REPAY_PARAMS = { isLeverage: 1 } as const;

interface WalletCoin {
  coin?: string;
  walletBalance?: string;
  borrowAmount?: string;
  spotBorrow?: string;
  accruedInterest?: string;
}

const num = (value: string | undefined) => (value === undefined || value === '' ? 0 : Number(value));
const clean = (value: number) => Number(value.toPrecision(12));

/** A coin of the unified wallet with its spot liability: what the spot wallet's balance needs taken off to read as the pairs hold it. */
export interface BybitMarginCoin extends MarginCoin {
  spotBorrow: number;
}

/**
 * Each coin of the unified wallet held or owed, as Bybit states it (`GET /v5/account/wallet-balance`):
 * the coins held are `walletBalance` less `spotBorrow` (the spot liability; Bybit adds borrowed
 * coins to the wallet balance and states the liability beside it, and an older account states a
 * negative wallet balance with no `spotBorrow`: the same net either way); what is owed is
 * `borrowAmount` + `accruedInterest` (ccxt's `debt`). `read`: that balance already read for the
 * spot wallet's coins, which are the same account's.
 */
export async function bybitMarginCoins(exchange: Exchange, read?: Balances): Promise<Map<string, BybitMarginCoin>> {
  const balance = read ?? await exchange.fetchBalance();
  const rows = ((balance.info as { result?: { list?: Array<{ coin?: WalletCoin[] }> } } | undefined)?.result?.list ?? [])[0]?.coin ?? [];
  return new Map(rows.flatMap((row) => {
    const spotBorrow = num(row.spotBorrow);
    const interest = num(row.accruedInterest);
    const held = clean(num(row.walletBalance) - spotBorrow);
    const owed = clean(num(row.borrowAmount) + interest);
    const listed = row.coin !== undefined && row.coin !== 'USDT' && Number.isFinite(held + owed) && (held !== 0 || owed !== 0);
    return listed ? [[row.coin!, { held, owed, interest, spotBorrow }] as [string, BybitMarginCoin]] : [];
  }));
}

interface AccountInfoAnswer { result?: { unifiedMarginStatus?: number | string } }
interface MarginStateAnswer { result?: { spotMarginMode?: string } }

/**
 * Why the Bybit account cannot sell spot short: only a Unified Trading Account (`unifiedMarginStatus`
 * 3 to 6 of `GET /v5/account/info`; 1 is a classic account) lends a spot sell, and only with spot
 * margin trading on (`spotMarginMode` "1" of `GET /v5/spot-margin-trade/state`). The terminal
 * never switches either (Bybit asks a quiz of the trader before spot margin can be turned on).
 */
export async function bybitBorrowRefusal(exchange: Exchange): Promise<string | null> {
  const api = exchange as unknown as { privateGetV5AccountInfo(): Promise<AccountInfoAnswer>; privateGetV5SpotMarginTradeState(): Promise<MarginStateAnswer> };
  const status = Number((await api.privateGetV5AccountInfo()).result?.unifiedMarginStatus);
  if (!(status >= 3)) {
    return 'the Bybit account is a classic account, not a Unified Trading Account, and lends a spot sell nothing in this terminal\'s way; a spot short needs a Unified Trading Account with spot margin trading on, set at Bybit (the terminal never changes the account)';
  }
  const mode = (await api.privateGetV5SpotMarginTradeState()).result?.spotMarginMode;
  return mode === '1' ? null : 'spot margin trading is off on the Bybit Unified Trading Account, so a spot sell cannot borrow the coin; turn it on at Bybit (the terminal never changes it)';
}

/** Bybit's way of borrowing for a spot short (spotBorrow.ts): the unified wallet is the spot wallet, so one balance read serves both. */
export const BYBIT_BORROW: SpotBorrow = {
  shortParams: BYBIT_SHORT_PARAMS,
  repayParams: BYBIT_REPAY_PARAMS,
  orderAccount: null,
  coins: bybitMarginCoins,
  // The spot wallet's balance of a coin is Bybit's `walletBalance`, which counts the borrowed coins.
  holdingAdjustment: (coin: BybitMarginCoin) => -coin.spotBorrow,
  refusal: bybitBorrowRefusal,
  separate: false,
};
