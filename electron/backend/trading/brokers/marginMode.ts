/**
 * The margin mode the ticket approved, set the way each venue takes it (docs/orders.md):
 * Binance, Bitget, KuCoin and BingX per symbol, with Bitget, OKX and KuCoin naming it again on every
 * order (ccxt would otherwise send cross; KuCoin takes an order without one as isolated); Gate through the leverage (0 is cross, with the cap as
 * `cross_leverage_limit`), Hyperliquid through `isCross` on its leverage update, Paradex's
 * leverage per market in cross margin only (its isolated margin is a sub-account ccxt does not
 * address: refused in words). A Bybit
 * unified account has one mode for every symbol: the terminal never switches it, it refuses a
 * ticket in the other mode in words before anything is sent.
 */
import type { Exchange } from 'ccxt';
import { CROSS_MARGIN_ONLY, type VenueId } from '../../../../shared/domain/venues.ts';
import { VenueError } from '../../markets/venueErrors.ts';

export type MarginMode = 'cross' | 'isolated';

/** Venues whose order names its margin mode; the others hold it per symbol (or account). */
const PER_ORDER: ReadonlySet<VenueId> = new Set(['okx', 'bitget', 'kucoinfutures']);

export function namesModePerOrder(venue: VenueId): boolean {
  return PER_ORDER.has(venue);
}

/** KuCoin's orders state their leverage (ccxt sends 1 unless told): an isolated position takes the opening order's. */
export function namesLeveragePerOrder(venue: VenueId): boolean {
  return venue === 'kucoinfutures';
}

/** Binance -4046 and Bybit 110026: the mode is already the one asked for, which is success. */
const ALREADY_SET = /-4046|no need to change margin|110026|not modified/i;

async function unlessAlreadySet(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof Error && ALREADY_SET.test(error.message))) throw error;
  }
}

async function bybitUnified(exchange: Exchange): Promise<boolean> {
  const [unifiedMargin, unifiedAccount] = await (exchange as unknown as { isUnifiedEnabled(): Promise<[boolean, boolean]> }).isUnifiedEnabled();
  return unifiedMargin || unifiedAccount;
}

/**
 * The margin mode a venue account fixes for every symbol: a Bybit unified account's (portfolio
 * margin counts as cross: the whole account backs each leg); null where a ticket sets its own.
 */
export async function accountWideMode(venue: VenueId, exchange: Exchange, symbol: string): Promise<MarginMode | null> {
  if (venue !== 'bybit' || !(await bybitUnified(exchange))) return null;
  return (await exchange.fetchMarginMode(symbol)).marginMode === 'isolated' ? 'isolated' : 'cross';
}

/** A Bybit unified account's margin mode applies to every symbol: read it, never set it. */
async function bybitAccountMode(exchange: Exchange, symbol: string, mode: MarginMode, leverage: number): Promise<void> {
  const held = await accountWideMode('bybit', exchange, symbol);
  if (held === null) {
    // A classic account sets the mode per symbol, with its leverage.
    const tradeMode = mode === 'isolated' ? 1 : 0;
    const market = exchange.market(symbol);
    await unlessAlreadySet(() => (exchange as unknown as { privatePostV5PositionSwitchIsolated(p: object): Promise<unknown> })
      .privatePostV5PositionSwitchIsolated({ category: 'linear', symbol: market.id, tradeMode, buyLeverage: String(leverage), sellLeverage: String(leverage) }));
    return;
  }
  if (held !== mode) {
    throw new VenueError('rejected', 'bybit', `the Bybit unified account is in ${held} margin for every symbol, and the ticket approved ${mode}; `
      + `Funding Terminal does not switch the whole account: submit the ticket in ${held} margin, or change the account's margin mode in Bybit and submit again`);
  }
}

/**
 * KuCoin sets the margin mode per symbol (`/api/v2/position/changeMarginMode`, ccxt's
 * setMarginMode) and the cross leverage per symbol (`/api/v2/changeCrossUserLeverage`, ccxt's
 * setLeverage, which takes cross only); an isolated position's leverage is its opening order's.
 */
async function kucoinMargin(exchange: Exchange, symbol: string, leverage: number, mode: MarginMode | undefined): Promise<void> {
  if (mode !== undefined) await exchange.setMarginMode(mode, symbol);
  if (mode === 'cross') await exchange.setLeverage(leverage, symbol, { marginMode: 'cross' });
}

/**
 * BingX sets the margin type per symbol (`/openApi/swap/v2/trade/marginType`, ISOLATED or
 * CROSSED) and the leverage per position side (`trade/leverage`): `BOTH`, the one side a
 * one-way account has (ccxt asks for the side; LONG or SHORT are for hedge mode).
 */
async function bingxMargin(exchange: Exchange, symbol: string, leverage: number, mode: MarginMode | undefined): Promise<void> {
  if (mode !== undefined) await unlessAlreadySet(() => exchange.setMarginMode(mode, symbol));
  await exchange.setLeverage(leverage, symbol, { side: 'BOTH' });
}

/** Sets the symbol's leverage in the approved margin mode, or refuses in words. */
export async function prepareMargin(venue: VenueId, exchange: Exchange, symbol: string, leverage: number, mode: MarginMode | undefined): Promise<void> {
  const crossOnly = CROSS_MARGIN_ONLY[venue];
  if (crossOnly !== undefined && mode === 'isolated') {
    throw new VenueError('rejected', venue, `${crossOnly}; Funding Terminal trades ${venue} in cross margin only: submit the ticket in cross margin`);
  }
  if (venue === 'kucoinfutures') {
    await kucoinMargin(exchange, symbol, leverage, mode);
    return;
  }
  if (venue === 'bingx') {
    await bingxMargin(exchange, symbol, leverage, mode);
    return;
  }
  if (mode === undefined) {
    await exchange.setLeverage(leverage, symbol);
    return;
  }
  // Binance and Aster (Binance's API) set `marginType` per symbol, Bitget its margin mode.
  const modeFirst = venue === 'binanceusdm' || venue === 'aster' || venue === 'bitget';
  if (modeFirst) await unlessAlreadySet(() => exchange.setMarginMode(mode, symbol, { leverage }));
  if (venue === 'bybit') await bybitAccountMode(exchange, symbol, mode, leverage);
  // OKX sets leverage per margin mode; Gate and Hyperliquid take the mode with the leverage.
  await exchange.setLeverage(leverage, symbol, venue === 'bybit' || (modeFirst && venue !== 'bitget') ? {} : { marginMode: mode });
}

/** The margin mode a position holds by ccxt's reading of it (null: flat, or the venue does not say). */
export async function heldMarginMode(exchange: Exchange, symbol: string): Promise<MarginMode | null> {
  const held = (await exchange.fetchPositions([symbol])).find((p) => (p.contracts ?? 0) !== 0);
  return held?.marginMode === 'cross' || held?.marginMode === 'isolated' ? held.marginMode : null;
}
