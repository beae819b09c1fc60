/**
 * The order matrix (docs/orders.md "The order matrix"): every venue × the ways it counts the
 * asset (a plain symbol, `1000PEPE`, Hyperliquid's `kPEPE`, OKX contracts of `ctVal` ≠ 1,
 * Gate's `quanto_multiplier`, KuCoin's lots of `multiplier` coins, BingX's coins) × open, partial fill, close, unwind and kill switch, through the
 * ticket service and the gateway, with paper and live brokers over ccxt against one simulator.
 * After each step the venue holds what was approved within one lot of that venue, in coins and
 * in USD, read by the simulator's own definitions (contracts × contract size × its price
 * scale), not the terminal's conversions; in Live each order went out in the ticket's margin
 * mode as the simulator recorded it, and Gate's, KuCoin's and BingX's kill-switch ids fit their 28,
 * 40 and 40 (lowercase) characters.
 * Perp/spot carries put every venue whose spot is traded on the spot side, once with the perp on
 * the same venue and once across two, each opened and closed and opened and flattened by the
 * kill switch: the spot account holds the perp's coins within one lot, in coins and in USD.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import { legsInSendingOrder } from '../../../electron/backend/trading/legOrder.ts';
import { restoreOrderId } from '../../../electron/backend/trading/clientOrderIds.ts';
import { isSpotDust } from '../../../electron/backend/trading/brokers/spotHoldings.ts';
import type { LegIntent } from '../../../shared/domain/orders.ts';
import { TicketSchema, type Ticket } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { TradedVenueId } from '../../fixtures/tradedVenues.ts';
import { credentialsFor, startTradingSimulator } from './harness.ts';
import { carryTicket, deskHolds, openUnitDesk, pairTicket, simulatorCoinPrice, simulatorMarginCoins, simulatorSpotLeg, spotSymbolOn, type BrokerMode, type UnitDesk } from './unitDesk.ts';
import { SPOT_TRADED_VENUES, VENUES as VENUE_PROFILES } from '../../../shared/domain/venues.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const VENUES: TradedVenueId[] = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'aster', 'kucoinfutures', 'bingx'];

type Counting = 'plain' | '1000-prefixed' | 'k-prefixed' | 'OKX ctVal ≠ 1' | 'Gate multiplier' | 'KuCoin lots';
interface MatrixLeg { venue: TradedVenueId; symbol: string; id: string; counting: Counting }

const leg = (venue: TradedVenueId, symbol: string, id: string, counting: Counting): MatrixLeg => ({ venue, symbol, id, counting });
const BTC = {
  binanceusdm: leg('binanceusdm', 'BTC/USDT:USDT', 'BTCUSDT', 'plain'),
  bybit: leg('bybit', 'BTC/USDT:USDT', 'BTCUSDT', 'plain'),
  okx: leg('okx', 'BTC/USDT:USDT', 'BTC-USDT-SWAP', 'OKX ctVal ≠ 1'),
  bitget: leg('bitget', 'BTC/USDT:USDT', 'BTCUSDT', 'plain'),
  gate: leg('gate', 'BTC/USDT:USDT', 'BTC_USDT', 'Gate multiplier'),
  hyperliquid: leg('hyperliquid', 'BTC/USDC:USDC', 'BTC', 'plain'),
  aster: leg('aster', 'BTC/USDT:USDT', 'BTCUSDT', 'plain'),
  // KuCoin names bitcoin XBT: XBTUSDTM is lots of 0.001 BTC (its recorded multiplier).
  kucoinfutures: leg('kucoinfutures', 'BTC/USDT:USDT', 'XBTUSDTM', 'KuCoin lots'),
  bingx: leg('bingx', 'BTC/USDT:USDT', 'BTC-USDT', 'plain'),
};
const PEPE = {
  binanceusdm: leg('binanceusdm', '1000PEPE/USDT:USDT', '1000PEPEUSDT', '1000-prefixed'),
  bybit: leg('bybit', '1000PEPE/USDT:USDT', '1000PEPEUSDT', '1000-prefixed'),
  okx: leg('okx', 'PEPE/USDT:USDT', 'PEPE-USDT-SWAP', 'OKX ctVal ≠ 1'),
  bitget: leg('bitget', '1000PEPE/USDT:USDT', '1000PEPEUSDT', '1000-prefixed'),
  gate: leg('gate', 'PEPE/USDT:USDT', 'PEPE_USDT', 'Gate multiplier'),
  hyperliquid: leg('hyperliquid', 'KPEPE/USDC:USDC', 'kPEPE', 'k-prefixed'),
  // Aster copies Binance's listing names (`1000PEPEUSDT`); ccxt's recorded Aster markets hold BTC and ASTER only.
  aster: leg('aster', '1000PEPE/USDT:USDT', '1000PEPEUSDT', '1000-prefixed'),
  // No recording lists KuCoin's PEPE contract: its lot of `multiplier` PEPE is the simulator's.
  kucoinfutures: leg('kucoinfutures', 'PEPE/USDT:USDT', 'PEPEUSDTM', 'KuCoin lots'),
  // BingX names a thousand PEPE as Binance does (`1000PEPE-USDT`, docs/units.md).
  bingx: leg('bingx', '1000PEPE/USDT:USDT', '1000PEPE-USDT', '1000-prefixed'),
};

interface MatrixPair { name: string; base: 'BTC' | 'PEPE'; long: MatrixLeg; short: MatrixLeg; usd: number; marginMode: 'cross' | 'isolated' }

/**
 * Each venue's two countings, each once long and once short across the pairs. Pairs with a
 * Bybit leg are cross: the simulator's Bybit is a unified account in cross for every symbol,
 * which an isolated ticket may not switch (docs/orders.md).
 */
const PAIRS: MatrixPair[] = [
  { name: 'Binance BTC / Bybit BTC', base: 'BTC', long: BTC.binanceusdm, short: BTC.bybit, usd: 1_500, marginMode: 'cross' },
  { name: 'OKX BTC contracts / Bitget BTC', base: 'BTC', long: BTC.okx, short: BTC.bitget, usd: 1_500, marginMode: 'isolated' },
  { name: 'Hyperliquid BTC / Gate BTC contracts', base: 'BTC', long: BTC.hyperliquid, short: BTC.gate, usd: 1_500, marginMode: 'isolated' },
  { name: 'Binance 1000PEPE / OKX PEPE contracts', base: 'PEPE', long: PEPE.binanceusdm, short: PEPE.okx, usd: 1_500, marginMode: 'isolated' },
  { name: 'Hyperliquid kPEPE / Bybit 1000PEPE', base: 'PEPE', long: PEPE.hyperliquid, short: PEPE.bybit, usd: 1_500, marginMode: 'cross' },
  { name: 'Gate PEPE contracts / Bitget 1000PEPE', base: 'PEPE', long: PEPE.gate, short: PEPE.bitget, usd: 1_500, marginMode: 'cross' },
  { name: 'Aster BTC / Gate BTC contracts', base: 'BTC', long: BTC.aster, short: BTC.gate, usd: 1_500, marginMode: 'isolated' },
  { name: 'OKX PEPE contracts / Aster 1000PEPE', base: 'PEPE', long: PEPE.okx, short: PEPE.aster, usd: 1_500, marginMode: 'isolated' },
  { name: 'KuCoin BTC lots / Binance BTC', base: 'BTC', long: BTC.kucoinfutures, short: BTC.binanceusdm, usd: 1_500, marginMode: 'isolated' },
  { name: 'Bitget 1000PEPE / KuCoin PEPE lots', base: 'PEPE', long: PEPE.bitget, short: PEPE.kucoinfutures, usd: 1_500, marginMode: 'cross' },
  // Ticket ids name the long venue and the base: each pair's long venue and base are its own.
  { name: 'Bitget BTC / BingX BTC', base: 'BTC', long: BTC.bitget, short: BTC.bingx, usd: 1_500, marginMode: 'isolated' },
  { name: 'BingX 1000PEPE / Gate PEPE contracts', base: 'PEPE', long: PEPE.bingx, short: PEPE.gate, usd: 1_500, marginMode: 'cross' },
];

/** Where each venue's order book is read: an empty answer there leaves a paper market order nothing to fill. */
const BOOK: Record<TradedVenueId, { path: string; method: string }> = {
  binanceusdm: { path: '/fapi/v1/depth', method: 'GET' }, bybit: { path: '/v5/market/orderbook', method: 'GET' }, okx: { path: '/api/v5/market/books', method: 'GET' },
  bitget: { path: '/api/v2/mix/market/merge-depth', method: 'GET' }, gate: { path: '/api/v4/futures/usdt/order_book', method: 'GET' },
  // The paper broker's next read of Hyperliquid's POST /info is the order's book.
  hyperliquid: { path: '/info', method: 'POST' }, aster: { path: '/aster/fapi/v3/depth', method: 'GET' },
  kucoinfutures: { path: '/api/v1/level2/', method: 'GET' }, bingx: { path: '/openApi/swap/v2/quote/depth', method: 'GET' },
};

let cleanups = 0;

/** Whatever a failed step left open is closed at the venue (reduce-only, through the broker), so the next step starts flat. */
async function flatten(desk: UnitDesk): Promise<void> {
  for (const broker of desk.brokers.values()) {
    for (const position of await broker.positions()) {
      if (position.size === 0 || isSpotDust(broker, position.symbol, position.size, position.markPrice)) continue;
      await broker.createOrder({ symbol: position.symbol, side: position.size > 0 ? 'sell' : 'buy', type: 'market', quantity: Math.abs(position.size), reduceOnly: true, clientOrderId: restoreOrderId(broker.venue, position.symbol, cleanups, (cleanups += 1)) });
    }
  }
}

let sim: Simulator;

beforeAll(async () => {
  sim = await startTradingSimulator(20, VENUES, 31);
});

afterAll(async () => {
  await sim?.close();
});

const holds = (desk: UnitDesk, of: MatrixLeg) => deskHolds(sim, desk, of);

/** One lot of the leg's venue, in coins. */
const lotOf = (desk: UnitDesk, of: MatrixLeg): number => desk.brokers.get(of.venue)!.lot(of.symbol).step!;

/** The leg holds `coins` (signed) within one lot of its venue, and the venue's USD value is those coins at the simulator's price per coin within one lot's worth. */
async function expectHolds(desk: UnitDesk, of: MatrixLeg, coins: number): Promise<void> {
  const held = await holds(desk, of);
  const lot = lotOf(desk, of);
  const price = simulatorCoinPrice(sim, of.venue, of.id);
  expect(Math.abs(held.coins - coins), `${of.venue} ${of.symbol} holds ${held.coins} coins, approved ${coins}`).toBeLessThanOrEqual(lot * (1 + 1e-9));
  expect(Math.abs(held.usd - coins * price), `${of.venue} ${of.symbol} holds $${held.usd}, approved $${coins * price}`).toBeLessThanOrEqual(lot * price * (1 + 1e-6) + 1e-9);
}

function ticketOf(pair: MatrixPair, ticketId: string): Ticket {
  const coins = pair.usd / simulatorCoinPrice(sim, pair.long.venue, pair.long.id);
  return TicketSchema.parse({ ...pairTicket(ticketId, pair.base, pair.long, pair.short, coins), marginMode: pair.marginMode });
}

/** In Live, every order the simulator recorded under the ticket's client ids went out in the ticket's margin mode. */
function expectMarginMode(desk: UnitDesk, pair: MatrixPair, ticketId: string): void {
  if (desk.mode !== 'live') return;
  for (const of of [pair.long, pair.short]) {
    const sent = new Set(journalOf(desk.store).ledger.pair(ticketId)!.orders.filter((o) => o.venue === of.venue).map((o) => o.clientOrderId));
    const orders = sim.accounts.orders(of.venue, credentialsFor(of.venue).apiKey).filter((o) => sent.has(String(o.clientOrderId).replace(/^t-/, '')));
    expect(orders.length, `${of.venue}: orders of ${ticketId}`).toBeGreaterThan(0);
    expect(orders.map((o) => [of.venue, o.marginMode])).toEqual(orders.map(() => [of.venue, pair.marginMode]));
  }
}

/** The legs in the order the gateway sends them (the thinner book first), from the ticket's preview. */
async function sendingOrder(desk: UnitDesk, ticket: Ticket): Promise<[MatrixLeg, MatrixLeg]> {
  const preview = await desk.tickets.preview(ticket);
  const legs = ticket.legs.map((l): LegIntent => ({ venue: l.venue, symbol: l.symbol, side: l.side, quantity: preview.quantity, reduceOnly: false }));
  const [first] = legsInSendingOrder(legs, preview);
  const pair = PAIRS.find((p) => p.long.symbol === ticket.legs[0].symbol && p.long.venue === ticket.legs[0].venue && p.short.venue === ticket.legs[1].venue)!;
  return first.venue === pair.long.venue ? [pair.long, pair.short] : [pair.short, pair.long];
}

interface CarryCase { name: string; perp: MatrixLeg; spot: VenueId; marginMode: 'cross' | 'isolated'; spotSide?: 'buy' | 'sell' }

/**
 * Each spot-traded venue's spot against its own perp and against another venue's, and the
 * reverse carry (spot sold on a borrow, docs/orders.md "Spot shorts") wherever the terminal
 * borrows. Bybit perps are cross (a unified cross account).
 */
const CARRIES: CarryCase[] = [
  { name: 'Binance perp / Binance spot', perp: BTC.binanceusdm, spot: 'binanceusdm', marginMode: 'isolated' },
  { name: 'Bybit perp / Bybit spot', perp: BTC.bybit, spot: 'bybit', marginMode: 'cross' },
  { name: 'OKX perp contracts / OKX spot', perp: BTC.okx, spot: 'okx', marginMode: 'isolated' },
  { name: 'Gate perp contracts / Binance spot', perp: BTC.gate, spot: 'binanceusdm', marginMode: 'isolated' },
  { name: 'Bitget perp / Bybit spot', perp: BTC.bitget, spot: 'bybit', marginMode: 'isolated' },
  { name: 'Hyperliquid perp / OKX spot', perp: BTC.hyperliquid, spot: 'okx', marginMode: 'isolated' },
  { name: 'Bitget perp / Bitget spot', perp: BTC.bitget, spot: 'bitget', marginMode: 'isolated' },
  { name: 'Aster perp / Bitget spot', perp: BTC.aster, spot: 'bitget', marginMode: 'isolated' },
  { name: 'Binance perp long / Binance spot short (borrowed)', perp: BTC.binanceusdm, spot: 'binanceusdm', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Gate perp contracts long / Binance spot short (borrowed)', perp: BTC.gate, spot: 'binanceusdm', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'OKX perp contracts long / OKX spot short (borrowed)', perp: BTC.okx, spot: 'okx', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Hyperliquid perp long / OKX spot short (borrowed)', perp: BTC.hyperliquid, spot: 'okx', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Gate perp contracts long / Gate spot short (borrowed)', perp: BTC.gate, spot: 'gate', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Bybit perp long / Gate spot short (borrowed)', perp: BTC.bybit, spot: 'gate', marginMode: 'cross', spotSide: 'sell' },
  { name: 'Bitget perp long / Bitget spot short (borrowed)', perp: BTC.bitget, spot: 'bitget', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Aster perp long / Bitget spot short (borrowed)', perp: BTC.aster, spot: 'bitget', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Bybit perp long / Bybit spot short (borrowed)', perp: BTC.bybit, spot: 'bybit', marginMode: 'cross', spotSide: 'sell' },
  { name: 'Hyperliquid perp long / Bybit spot short (borrowed)', perp: BTC.hyperliquid, spot: 'bybit', marginMode: 'isolated', spotSide: 'sell' },
  { name: 'Gate perp contracts / Gate spot', perp: BTC.gate, spot: 'gate', marginMode: 'isolated' },
  { name: 'Binance perp / Gate spot', perp: BTC.binanceusdm, spot: 'gate', marginMode: 'isolated' },
  { name: 'Hyperliquid perp / Hyperliquid spot', perp: BTC.hyperliquid, spot: 'hyperliquid', marginMode: 'isolated' },
  { name: 'Binance perp / Hyperliquid spot', perp: BTC.binanceusdm, spot: 'hyperliquid', marginMode: 'isolated' },
];

describe.each<BrokerMode>(['paper', 'live'])('the order matrix (%s)', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });
  afterEach(async () => {
    sim.faults.clear();
    await flatten(desk);
    // Nothing a step did may hide behind the next: trading stays ACTIVE (no mismatch raised) unless the kill switch halted it.
    if (desk.state.current.state === 'HALTED') await desk.state.transition('ACTIVE', 'matrix: re-armed after the kill switch', sim.clock.now());
    expect(desk.state.current.state).toBe('ACTIVE');
  });

  const closer = () => createPairCloser({ pairs: () => desk.book.pairs(), gateway: desk.gateway, journal: journalOf(desk.store) });

  it.each(PAIRS)('open, then close: $name', async (pair) => {
    const ticketId = `mx-open-${mode}-${pair.long.venue}-${pair.base}`;
    const receipt = await desk.tickets.submit(ticketOf(pair, ticketId));
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = receipt.checklist.preview.quantity;
    expect(approved).toBeGreaterThan(0);
    expect(journalOf(desk.store).ledger.pair(ticketId)!.legs.map((l) => l.quantity)).toEqual([approved, approved]);
    await expectHolds(desk, pair.long, approved);
    await expectHolds(desk, pair.short, -approved);
    expectMarginMode(desk, pair, ticketId);
    expect((await desk.book.pairs()).flatMap((p) => p.mismatches.map((m) => m.reason))).toEqual([]);

    expect((await closer().close(ticketId)).flat).toBe(true);
    await expectHolds(desk, pair.long, 0);
    await expectHolds(desk, pair.short, 0);
    expectMarginMode(desk, pair, ticketId);
  });

  it.each(PAIRS)('the second leg refused: the first is unwound, both venues flat: $name', async (pair) => {
    const ticketId = `mx-unwind-${mode}-${pair.long.venue}-${pair.base}`;
    const ticket = ticketOf(pair, ticketId);
    const preview = await desk.tickets.preview(ticket);
    const [first, second] = await sendingOrder(desk, ticket);
    // Live: the venue refuses the order. Paper: its book answers empty, so the market order fills nothing.
    if (mode === 'live') sim.faults.inject({ venue: second.venue, kind: 'reject', reason: 'insufficient-margin', times: 1 });
    else sim.faults.inject({ venue: second.venue, kind: 'empty', ...BOOK[second.venue], times: 1 });
    const legs = [first, second].map((of) => ({ venue: of.venue, symbol: of.symbol, side: of === pair.long ? 'buy' as const : 'sell' as const, quantity: preview.quantity, reduceOnly: false, leverage: 3, marginMode: pair.marginMode }));
    const result = await desk.gateway.submitPair({ ticketId, legs, legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: { alignment: 'neutral', items: ['matrix'] } });
    expect(result.status, result.message).toBe('unwound');
    expect(result.orders.filter((o) => o.venue === first.venue).map((o) => [o.reduceOnly, o.filled])).toEqual([[false, preview.quantity], [true, preview.quantity]]);
    await expectHolds(desk, first, 0);
    await expectHolds(desk, second, 0);
  });

  it.each(PAIRS)('the kill switch flattens both legs: $name', async (pair) => {
    const ticketId = `mx-kill-${mode}-${pair.long.venue}-${pair.base}`;
    const receipt = await desk.tickets.submit(ticketOf(pair, ticketId));
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = receipt.checklist.preview.quantity;
    await expectHolds(desk, pair.long, approved);
    await expectHolds(desk, pair.short, -approved);
    const brokers = [pair.long, pair.short].map((of) => desk.brokers.get(of.venue)!);
    const report = await engageKillSwitch({
      state: desk.state, now: () => sim.clock.now(), deadlineMs: 5_000,
      targets: () => createFlatteners(brokers, desk.gateway, journalOf(desk.store), () => sim.clock.now()).map(reachableTarget),
    }, 'matrix: kill switch');
    expect(report.venues.map((v) => [v.venue, v.flat])).toEqual([[pair.long.venue, true], [pair.short.venue, true]]);
    await expectHolds(desk, pair.long, 0);
    await expectHolds(desk, pair.short, 0);
    if (mode === 'live' && [pair.long.venue, pair.short.venue].includes('gate')) {
      // Gate takes `t-` and 28 characters: the kill switch's closes reached it with their ids.
      const closes = sim.accounts.orders('gate', credentialsFor('gate').apiKey).filter((o) => o.reduceOnly && String(o.clientOrderId).startsWith('t-ks'));
      expect(closes.length).toBeGreaterThan(0);
      for (const order of closes) expect(String(order.clientOrderId).length - 2).toBeLessThanOrEqual(28);
    }
    if (mode === 'live' && [pair.long.venue, pair.short.venue].includes('kucoinfutures')) {
      // KuCoin takes a `clientOid` of up to 40 letters, digits, _ and -: the kill switch's closes reached it with their ids.
      const closes = sim.accounts.orders('kucoinfutures', credentialsFor('kucoinfutures').apiKey).filter((o) => o.reduceOnly && String(o.clientOrderId).startsWith('ks'));
      expect(closes.length).toBeGreaterThan(0);
      for (const order of closes) expect(order.clientOrderId).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
    }
    if (mode === 'live' && [pair.long.venue, pair.short.venue].includes('bingx')) {
      // BingX keeps a `clientOrderID` of 1 to 40 characters lowercased: the kill switch's closes reached it with their ids as sent.
      const closes = sim.accounts.orders('bingx', credentialsFor('bingx').apiKey).filter((o) => o.reduceOnly && String(o.clientOrderId).startsWith('ks'));
      expect(closes.length).toBeGreaterThan(0);
      for (const order of closes) expect(order.clientOrderId).toMatch(/^[a-z0-9_-]{1,40}$/);
    }
  });

  // Perp/spot carries: the spot legs of every spot-traded venue (docs/orders.md, "The order matrix").
  it('covers every venue whose spot is traded, on its own perp and across venues', () => {
    expect(new Set(CARRIES.filter((c) => c.perp.venue === c.spot).map((c) => c.spot))).toEqual(new Set(SPOT_TRADED_VENUES));
    expect(new Set(CARRIES.filter((c) => c.perp.venue !== c.spot).map((c) => c.spot))).toEqual(new Set(SPOT_TRADED_VENUES));
  });

  /** The coins of the spot leg: the simulator's spot wallet and cross-margin net (Live) or the paper account (Paper). */
  async function spotCoins(venue: VenueId): Promise<number> {
    if (mode === 'live') return simulatorSpotLeg(sim, venue, 'BTC');
    return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === spotSymbolOn(venue, 'BTC'))?.size ?? 0;
  }

  /**
   * The spot coins held before the carry opened: earlier closes' rests under the venue's least
   * order (Hyperliquid's 10 USDC), which no order can sell and which add up across tests.
   */
  let spotBefore = 0;

  /** The spot leg holds `coins` more than before the carry, within one lot of the larger of the two venues' lots, in coins and in USD. */
  async function expectSpotHolds(carry: CarryCase, coins: number): Promise<void> {
    const held = (await spotCoins(carry.spot)) - spotBefore;
    const lot = Math.max(lotOf(desk, carry.perp), desk.brokers.get(carry.spot)!.lot(spotSymbolOn(carry.spot, 'BTC')).step!);
    const price = sim.spot.price(sim.spot.pairOf(carry.spot, 'BTC')!);
    expect(Math.abs(held - coins), `${carry.spot} spot holds ${held} BTC, approved ${coins}`).toBeLessThanOrEqual(lot * (1 + 1e-9));
    expect(Math.abs(held * price - coins * price)).toBeLessThanOrEqual(lot * price * (1 + 1e-6));
  }

  async function open(carry: CarryCase, ticketId: string): Promise<number> {
    const coins = 1_500 / simulatorCoinPrice(sim, carry.perp.venue, carry.perp.id);
    const spotSide = carry.spotSide ?? 'buy';
    spotBefore = spotSide === 'buy' ? await spotCoins(carry.spot) : 0;
    const ticket = TicketSchema.parse({
      ...carryTicket(ticketId, 'BTC', { venue: carry.perp.venue, symbol: carry.perp.symbol, side: spotSide === 'buy' ? 'sell' : 'buy' }, { venue: carry.spot, symbol: spotSymbolOn(carry.spot, 'BTC'), side: spotSide }, coins),
      marginMode: carry.marginMode,
    });
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const approved = receipt.checklist.preview.quantity;
    // A spot buy pays its fee in the coin at the venue (docs/orders.md): the spot leg holds the
    // approved coins less that fee, and the perp the same coins within one of its lots (its excess
    // unwound when the fee is more than a lot of the perp). Paper charges the fee in USD. A
    // borrowed sell's fee is in USDT: the short is the approved coins (and an hour's interest).
    const net = mode === 'live' && spotSide === 'buy' ? approved * (1 - VENUE_PROFILES[carry.spot].spotTakerFee) : approved;
    const signed = spotSide === 'buy' ? net : -net;
    await expectSpotHolds(carry, signed);
    await expectHolds(desk, carry.perp, -signed);
    expect((await desk.book.pairs()).flatMap((p) => p.mismatches.map((m) => m.reason))).toEqual([]);
    return approved;
  }

  it.each(CARRIES)('open, then close: $name', async (carry) => {
    const ticketId = `mx-carry-${mode}-${carry.perp.venue}-${carry.spot}-${carry.spotSide ?? 'buy'}`;
    await open(carry, ticketId);
    expect((await createPairCloser({ pairs: () => desk.book.pairs(), gateway: desk.gateway, journal: journalOf(desk.store) }).close(ticketId)).flat).toBe(true);
    await expectHolds(desk, carry.perp, 0);
    await expectSpotHolds(carry, 0);
    expectBorrowRepaid(carry);
  });

  /** Live: a reverse carry's borrow is repaid once its spot leg is flat, interest included. */
  function expectBorrowRepaid(carry: CarryCase): void {
    if (mode === 'live' && carry.spotSide === 'sell') expect(simulatorMarginCoins(sim, carry.spot, 'BTC').owed).toBe(0);
  }

  it.each(CARRIES)('the kill switch flattens both legs: $name', async (carry) => {
    await open(carry, `mx-carry-kill-${mode}-${carry.perp.venue}-${carry.spot}-${carry.spotSide ?? 'buy'}`);
    const brokers = [...new Set([carry.perp.venue, carry.spot])].map((venue) => desk.brokers.get(venue)!);
    const report = await engageKillSwitch({
      state: desk.state, now: () => sim.clock.now(), deadlineMs: 5_000,
      targets: () => createFlatteners(brokers, desk.gateway, journalOf(desk.store), () => sim.clock.now()).map(reachableTarget),
    }, 'matrix: kill switch');
    expect(report.venues.every((v) => v.flat), JSON.stringify(report.venues)).toBe(true);
    await expectHolds(desk, carry.perp, 0);
    await expectSpotHolds(carry, 0);
    expectBorrowRepaid(carry);
  });
});

/**
 * A partial first fill, in both modes: Live by the venue filling part of the order (the
 * simulator's `partial` fault), Paper by the venue's book holding only half the order's value
 * when the paper broker fills against it (the `thin` fault on the book path).
 */
describe.each<BrokerMode>(['paper', 'live'])('a partial first fill (%s): the second leg is sized to it, both venues hold the same coins', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });
  afterEach(async () => {
    sim.faults.clear();
    await flatten(desk);
  });

  it.each(PAIRS)('$name', async (pair) => {
    const ticketId = `mx-partial-${mode}-${pair.long.venue}-${pair.base}`;
    const ticket = ticketOf(pair, ticketId);
    const preview = await desk.tickets.preview(ticket);
    const approved = preview.quantity;
    const [first, second] = await sendingOrder(desk, ticket);
    // Armed after the preview, so that the first leg's own fill is the one that meets it.
    if (mode === 'live') sim.faults.inject({ venue: first.venue, kind: 'partial', fraction: 0.5, times: 1 });
    else sim.faults.inject({ venue: first.venue, kind: 'thin', usd: pair.usd / 2, ...BOOK[first.venue], times: 1 });
    const legs = [first, second].map((of) => ({ venue: of.venue, symbol: of.symbol, side: of === pair.long ? 'buy' as const : 'sell' as const, quantity: approved, reduceOnly: false, leverage: 3, marginMode: pair.marginMode }));
    const result = await desk.gateway.submitPair({ ticketId, legs, legOrder: 'sequential', legTimeoutMs: 5_000, override: null, checklist: { alignment: 'neutral', items: ['matrix'] } });
    const firstHeld = (await holds(desk, first)).coins;
    expect(Math.abs(firstHeld), result.message).toBeLessThan(approved);
    expect(Math.abs(firstHeld)).toBeGreaterThan(0);
    // The second leg holds the first's fill on its own lots: within one lot of the larger venue.
    const sign = (of: MatrixLeg) => (of === pair.long ? 1 : -1);
    const secondCoins = sign(second) * Math.abs(firstHeld);
    const lot = Math.max(lotOf(desk, first), lotOf(desk, second));
    expect(Math.abs((await holds(desk, second)).coins - secondCoins)).toBeLessThanOrEqual(lot * (1 + 1e-9));
    await expectHolds(desk, second, (await holds(desk, second)).coins);
    const [held] = (await desk.book.pairs()).filter((p) => p.pairId === ticketId);
    expect(held.mismatches).toEqual([]);
    expect(desk.state.current.state).toBe('ACTIVE');
    expectMarginMode(desk, pair, ticketId);
    expect((await createPairCloser({ pairs: () => desk.book.pairs(), gateway: desk.gateway, journal: journalOf(desk.store) }).close(ticketId)).flat).toBe(true);
    await expectHolds(desk, first, 0);
    await expectHolds(desk, second, 0);
  });
});
