/**
 * The terminal trades one-way (net) positions: a pair leg is one signed position per symbol,
 * and closing it is a reduce-only order on the other side. An account in hedge (dual-side)
 * mode takes neither without a position side on every order, so its reduce-only unwind would
 * be refused after the first leg filled. The mode is read before anything is sent, and a
 * hedge-mode account is refused in words the trader can act on.
 */
import type { Balances, Exchange } from 'ccxt';
import type { VenueId } from '../../../shared/domain/venues.ts';

type Reader = (exchange: Exchange, symbol: string) => Promise<boolean>;

/** Raw account rows of a ccxt balance (`info` is the venue's answer, a list or one object). */
function accountRows(balance: Balances): Array<Record<string, unknown>> {
  const info = balance.info as unknown;
  const rows = Array.isArray(info) ? info : [info];
  return rows.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null);
}

/** Gate states the mode on its futures account, which a balance read returns. */
const IN_BALANCE: Partial<Record<VenueId, (row: Record<string, unknown>) => boolean>> = {
  gate: (row) => row.in_dual_mode === true,
};

/** Where the mode is a read of its own. */
const READERS: Partial<Record<VenueId, Reader>> = {
  binanceusdm: async (exchange) => (await exchange.fetchPositionMode()).hedged === true,
  okx: async (exchange) => (await exchange.fetchPositionMode()).hedged === true,
  // KuCoin: `/api/v2/position/getPositionMode`, positionMode 1 is hedge.
  kucoinfutures: async (exchange) => (await exchange.fetchPositionMode()).hedged === true,
  // BingX: `/openApi/swap/v1/positionSide/dual`, dualSidePosition "true" is hedge.
  bingx: async (exchange) => (await exchange.fetchPositionMode()).hedged === true,
  // Bitget states `posMode` on the single account (/api/v2/mix/account/account, ccxt's
  // fetchLeverage), not on the account list a balance reads.
  bitget: async (exchange, symbol) => ((await exchange.fetchLeverage(symbol)).info as { posMode?: unknown } | undefined)?.posMode === 'hedge_mode',
  // Bybit sets the mode per symbol and lists a flat symbol's rows: positionIdx 1 and 2 in hedge mode.
  bybit: async (exchange, symbol) => (await exchange.fetchPositions([symbol])).some((position) => position.hedged === true),
};

/**
 * True when the account (for Bybit: the symbol) is in hedge mode; Hyperliquid has one-way
 * positions only. A balance the caller has just read spares Gate a second request.
 */
export async function inHedgeMode(venue: VenueId, exchange: Exchange, symbol: string, balance?: Balances): Promise<boolean> {
  const inBalance = IN_BALANCE[venue];
  if (inBalance) return accountRows(balance ?? (await exchange.fetchBalance({ type: 'swap' }))).some(inBalance);
  const read = READERS[venue];
  return read === undefined ? false : read(exchange, symbol);
}

export function hedgeModeMessage(venue: VenueId): string {
  return `the ${venue} account is in hedge (dual-side) position mode; Funding Terminal trades one-way positions: switch the account to one-way mode in ${venue}'s settings and submit again`;
}
