/**
 * Gate APIv4 unified account endpoints a spot short reads (docs/venues.md, "Gate margin"), signed
 * as the futures API: the account's coins with what each owes (`GET /unified/accounts`), the
 * account mode (`GET /unified/unified_mode`) and the coins' estimated hourly borrow rate
 * (`GET /unified/estimate_rate`). The unified account's spot side is the key's spot wallet
 * (gateSpot.ts), in Multi-currency margin mode unless lending is switched off
 * (`SpotMarkets.setLending`), which makes it a classic account. Interest is charged as
 * Binance's (marginDebts.ts); Gate takes it from the coin's balance, so with the coin sold it
 * is owed as a negative balance (`negative_liab`). Shapes follow Gate's documented answers
 * (test/fixtures/venues/gate-margin).
 */
import type { SimContext, SimRequest, SimResponse } from '../types.ts';
import type { MarginCoin } from '../spot.ts';
import { DAILY_INTEREST_RATE } from '../marginDebts.ts';
import { decimalString } from './wireDecimal.ts';

const VENUE = 'gate';
const ok = (body: unknown): SimResponse => ({ status: 200, body });

/** A coin's row: what is held (`available`), borrowed, and the interest its balance could not pay (`negative_liab`). */
function balanceRow(row: MarginCoin, equity: number): Record<string, string> {
  const liab = decimalString(row.borrowed + row.interest);
  return {
    available: decimalString(row.free), freeze: decimalString(row.locked), borrowed: decimalString(row.borrowed), negative_liab: decimalString(row.interest),
    futures_pos_liab: '0', equity: decimalString(equity), total_freeze: decimalString(row.locked), total_liab: liab, spot_in_use: '0',
  };
}

/** GET /api/v4/unified/accounts: every coin held or owed, and the account's totals in USDT. */
function accounts(context: SimContext, apiKey: string, wanted: string | null): SimResponse {
  const { coins, assetsUsdt, liabilitiesUsdt } = context.spot.marginAccount(VENUE, apiKey);
  const listed = coins.filter((row) => (row.coin === 'USDT' || row.free + row.locked > 0 || row.borrowed + row.interest > 0) && (wanted === null || row.coin === wanted));
  const balances = Object.fromEntries(listed.map((row) => [row.coin, balanceRow(row, row.free + row.locked - row.borrowed - row.interest)]));
  const equity = decimalString(assetsUsdt - liabilitiesUsdt);
  return ok({
    user_id: 1, locked: false, balances, total: decimalString(assetsUsdt), borrowed: decimalString(liabilitiesUsdt),
    total_initial_margin: '0', total_margin_balance: equity, total_maintenance_margin: '0', total_initial_margin_rate: '0', total_maintenance_margin_rate: '0',
    total_available_margin: equity, unified_account_total: decimalString(assetsUsdt), unified_account_total_liab: decimalString(liabilitiesUsdt),
    unified_account_total_equity: equity, leverage: '3', spot_order_loss: '0', spot_hedge: false,
    mode: context.spot.lends(VENUE, apiKey) ? 'multi_currency' : 'classic',
  });
}

/** GET /api/v4/unified/unified_mode: Multi-currency margin where the account lends, else classic. */
function unifiedMode(context: SimContext, apiKey: string): SimResponse {
  const lends = context.spot.lends(VENUE, apiKey);
  return ok({ mode: lends ? 'multi_currency' : 'classic', settings: { spot_hedge: false, usdt_futures: lends, options: false } });
}

/** GET /api/v4/unified/estimate_rate?currencies=BTC,ETH: each coin's hourly rate (the simulator's daily rate / 24), empty for a coin with no pair. */
function estimateRate(context: SimContext, currencies: string | null): SimResponse {
  const names = (currencies ?? '').split(',').filter((name) => name !== '');
  const rate = (coin: string) => (coin === 'USDT' || context.spot.pairOf(VENUE, coin) ? decimalString(DAILY_INTEREST_RATE / 24) : '');
  return ok(Object.fromEntries(names.map((coin) => [coin, rate(coin)])));
}

const PATHS = new Set(['/api/v4/unified/accounts', '/api/v4/unified/unified_mode', '/api/v4/unified/estimate_rate']);

export function isGateUnified(request: SimRequest): boolean {
  return request.method === 'GET' && PATHS.has(request.path);
}

/** Runs an authenticated unified-account read; `apiKey` is the account it reads. */
export function handleGateUnified(request: SimRequest, context: SimContext, apiKey: string): SimResponse {
  if (request.path.endsWith('/accounts')) return accounts(context, apiKey, request.query.get('currency'));
  if (request.path.endsWith('/unified_mode')) return unifiedMode(context, apiKey);
  return estimateRate(context, request.query.get('currencies'));
}
