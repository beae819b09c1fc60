/**
 * What Paradex states only in its own rows, for the live broker (docs/venues.md, "Paradex"):
 * a position's value at the mark (its row states no mark) and the account's free collateral
 * (`GET /v1/balance`, ccxt's fetchBalance, states the balance only, no free or used part).
 */
import type { Exchange, Position as CcxtPosition } from 'ccxt';
import type { Balance } from './broker.ts';

/**
 * A position's USD value at the mark from its row: the signed `cost` (size × entry) plus the
 * price part of `unrealized_pnl` (which includes the running funding, `unrealized_funding_pnl`).
 */
export function paradexValueAtMark(position: CcxtPosition): number | null {
  const row = (position.info ?? {}) as { cost?: unknown; unrealized_pnl?: unknown; unrealized_funding_pnl?: unknown };
  const [cost, pnl, funding] = [row.cost, row.unrealized_pnl, row.unrealized_funding_pnl ?? '0'].map(Number);
  return [cost, pnl, funding].every(Number.isFinite) ? Math.abs(cost + pnl - funding) : null;
}

interface AccountSummary { account_value?: unknown; free_collateral?: unknown; settlement_asset?: unknown }

/**
 * The account's balance as the margin check needs it, from the account summary (`GET /v1/account`):
 * `account_value` (with unrealised P&L) as the total, `free_collateral` (value beyond the initial
 * margin) as the free part, in the settlement asset. ccxt has no unified call for it: its raw
 * endpoint, after ccxt's token (cached, as for every private call).
 */
export async function paradexAccountBalance(exchange: Exchange): Promise<Balance[]> {
  const raw = exchange as unknown as { authenticateRest(): Promise<string>; privateGetAccount(): Promise<AccountSummary> };
  await raw.authenticateRest();
  const summary = await raw.privateGetAccount();
  const [total, free] = [summary.account_value, summary.free_collateral].map(Number);
  if (!Number.isFinite(total) || !Number.isFinite(free)) throw new Error(`paradex: the account summary states no account value or free collateral (${JSON.stringify(summary)})`);
  return [{ currency: typeof summary.settlement_asset === 'string' ? summary.settlement_asset : 'USDC', total, free }];
}
