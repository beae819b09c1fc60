/**
 * A spot short on OKX's trading account (docs/orders.md, "Spot shorts"; docs/venues.md, "OKX
 * spot margin"). In multi-currency or portfolio margin with auto-borrow on, a spot order in
 * trading mode `cross` sells coins the account lacks: the coin's balance goes below zero, which
 * is its liability, charged interest hourly. A buy of the coin pays that balance back, interest
 * first. ccxt `okx` sends `tdMode: cross` (and `ccy`) for a spot order naming
 * `marginMode: 'cross'`; it leaves out `tgtCcy` there, and OKX counts a market buy's `sz` in USDT
 * unless told `base_ccy`, so the buy-back names it.
 */
import type { Balances, Exchange } from 'ccxt';
import type { MarginCoin } from './spotMargin.ts';

export const OKX_SHORT_PARAMS = { marginMode: 'cross' } as const;
export const OKX_REPAY_PARAMS = { marginMode: 'cross', tgtCcy: 'base_ccy' } as const;

interface BalanceDetail {
  ccy?: string;
  eq?: string;
  interest?: string;
  liab?: string;
  crossLiab?: string;
}

const num = (value: string | undefined) => (value === undefined || value === '' ? 0 : Number(value));

/**
 * Each coin of the trading account as OKX states it (`GET /api/v5/account/balance`): `eq` is the
 * balance less the accrued `interest`, `liab` what the account owes of it, interest included.
 * The coins the pairs hold are `eq` + interest (the interest is owed beside the short, not sold).
 * `read`: that balance already read for the spot wallet's coins, which are the same account's.
 */
export async function okxMarginCoins(exchange: Exchange, read?: Balances): Promise<Map<string, MarginCoin>> {
  const balance = read ?? await exchange.fetchBalance();
  const first = ((balance.info as { data?: Array<{ details?: BalanceDetail[] }> } | undefined)?.data ?? [])[0];
  return new Map((first?.details ?? []).flatMap((row) => {
    const interest = num(row.interest);
    const held = Number((num(row.eq) + interest).toPrecision(12));
    const owed = Number((num(row.liab) || num(row.crossLiab)).toPrecision(12));
    return row.ccy && Number.isFinite(held + owed) && (held !== 0 || owed !== 0) ? [[row.ccy, { held, owed, interest }] as [string, MarginCoin]] : [];
  }));
}

const ACCOUNT_MODES: Record<string, string> = { 1: 'Spot mode', 2: 'Spot and futures mode', 3: 'Multi-currency margin mode', 4: 'Portfolio margin mode' };

/**
 * Why the OKX account cannot sell spot short, read from `GET /api/v5/account/config`: only
 * multi-currency or portfolio margin lends a spot sell what it lacks, and only with auto-borrow
 * on. The terminal never changes either setting.
 */
export async function okxBorrowRefusal(exchange: Exchange): Promise<string | null> {
  const answer = await (exchange as unknown as { privateGetAccountConfig(): Promise<{ data?: Array<{ acctLv?: string; autoLoan?: boolean | string }> }> }).privateGetAccountConfig();
  const { acctLv = '', autoLoan } = answer.data?.[0] ?? {};
  const lends = acctLv === '3' || acctLv === '4';
  if (lends && (autoLoan === true || autoLoan === 'true')) return null;
  const mode = ACCOUNT_MODES[acctLv] ?? `account level ${acctLv || 'unknown'}`;
  return lends
    ? `the OKX account is in ${mode} with auto-borrow off, so a spot sell cannot borrow the coin; turn auto-borrow on at OKX (the terminal never changes it)`
    : `the OKX account is in ${mode}, which lends a spot sell nothing in this terminal's way; a spot short needs Multi-currency or Portfolio margin mode with auto-borrow on, set at OKX (the terminal never changes the account's mode)`;
}
