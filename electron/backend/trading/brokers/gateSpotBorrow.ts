/**
 * A spot short on Gate's unified account (docs/orders.md, "Spot shorts"; docs/venues.md, "Gate
 * margin"). Gate moved cross margin into the unified account: the classic cross-margin account
 * (`account: cross_margin`, `/margin/cross/…`, what ccxt `gate` sends for `marginMode: 'cross'`)
 * is deprecated, and a current account borrows in Multi-currency or Portfolio margin mode. ccxt
 * sends `account: unified` for a spot order given `unifiedAccount: true` (and by itself once it
 * has read the key as unified from `/account/detail`); `auto_borrow` lends what the sell lacks,
 * `auto_repay` makes what the buy receives repay the coin's debt. The buy-back is still bought
 * in coins (an IOC limit, spotRoute.ts `buysByIocLimit`). Gate charges interest hourly, taken
 * from the coin's balance; what the balance lacks of it is owed as `negative_liab`.
 */
import type { Balances, Exchange } from 'ccxt';
import type { MarginCoin } from './spotMargin.ts';

export const GATE_SHORT_PARAMS = { unifiedAccount: true, auto_borrow: true } as const;
export const GATE_REPAY_PARAMS = { unifiedAccount: true, auto_repay: true } as const;

interface UnifiedBalance {
  available?: string;
  freeze?: string;
  borrowed?: string;
  negative_liab?: string;
}

const num = (value: string | undefined) => (value === undefined || value === '' ? 0 : Number(value));

/** The per-coin rows of a `GET /api/v4/unified/accounts` answer; undefined where `read` is another account's (a classic spot wallet's). */
function unifiedRows(read: Balances | undefined): Record<string, UnifiedBalance> | undefined {
  return (read?.info as { balances?: Record<string, UnifiedBalance> } | undefined)?.balances;
}

/**
 * Each coin of the unified account as Gate states it (`GET /api/v4/unified/accounts`): the
 * coins held are `available` + `freeze` − `borrowed` (the interest is owed beside the short, not
 * sold); owed is `borrowed` + `negative_liab`, the interest the balance could not pay. `read`:
 * the spot wallet's balance already read, which is this answer where ccxt read the key as
 * unified; a classic wallet's read is not, and the unified account is read for its debts.
 */
export async function gateMarginCoins(exchange: Exchange, read?: Balances): Promise<Map<string, MarginCoin>> {
  const rows = unifiedRows(read) ?? unifiedRows(await exchange.fetchBalance({ unifiedAccount: true })) ?? {};
  return new Map(Object.entries(rows).flatMap(([coin, row]) => {
    const interest = num(row.negative_liab);
    const held = Number((num(row.available) + num(row.freeze) - num(row.borrowed)).toPrecision(12));
    const owed = Number((num(row.borrowed) + interest).toPrecision(12));
    return Number.isFinite(held + owed) && (held !== 0 || owed !== 0) ? [[coin, { held, owed, interest }] as [string, MarginCoin]] : [];
  }));
}

/** What the spot wallet's balance (`available` + `freeze`, as ccxt totals it) needs added to read as the pairs hold the coin: less what was borrowed. */
export function gateHoldingAdjustment(coin: MarginCoin): number {
  return -(coin.owed - coin.interest);
}

const MODES: Record<string, string> = {
  classic: 'Classic account mode', single_currency: 'Single-currency margin mode', multi_currency: 'Multi-currency margin mode', portfolio: 'Portfolio margin mode',
};

/**
 * Why the Gate account cannot sell spot short, read from `GET /api/v4/unified/unified_mode`:
 * only Multi-currency and Portfolio margin lend a spot sell what it lacks (Single-currency
 * margin borrows nothing, a classic account has no unified account). The terminal never
 * changes the mode.
 */
export async function gateBorrowRefusal(exchange: Exchange): Promise<string | null> {
  const answer = await (exchange as unknown as { privateUnifiedGetUnifiedMode(): Promise<{ mode?: string }> }).privateUnifiedGetUnifiedMode();
  const mode = answer.mode ?? '';
  if (mode === 'multi_currency' || mode === 'portfolio') return null;
  return `the Gate account is in ${MODES[mode] ?? `account mode ${mode || 'unknown'}`}, which lends a spot sell nothing; a spot short needs the unified account in Multi-currency or Portfolio margin mode, set at Gate (the terminal never changes the account's mode)`;
}

const HOURS_PER_DAY = 24;

/**
 * The coin's borrow rate per day as Gate estimates it for the unified account
 * (`GET /api/v4/unified/estimate_rate?currencies=BTC`, per hour; ccxt `gate` has no
 * `fetchCrossBorrowRate`); NaN when Gate gives none (an empty string: the coin is not lent).
 */
export async function gateDailyRate(exchange: Exchange, coin: string): Promise<number> {
  const answer = await (exchange as unknown as { privateUnifiedGetEstimateRate(params: { currencies: string }): Promise<Record<string, string | undefined>> })
    .privateUnifiedGetEstimateRate({ currencies: coin });
  const hourly = answer[coin];
  return hourly === undefined || hourly === '' ? Number.NaN : Number(hourly) * HOURS_PER_DAY;
}
