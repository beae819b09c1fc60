/**
 * The wire flow and checks shared by the spot venues whose market buy spends USDT (Bitget,
 * Gate; docs/orders.md, "Spot legs"): a capturing ccxt spot client and a live broker against
 * one simulator, the calls whose raw answers the venue's test compares with the recorded ones,
 * and the checks that the recorded pairs read with their terms, that the broker buys coins by an IOC limit, that ccxt's own market buy would
 * have sent USDT, that an IOC the book does not reach never rests, that a close sells coins and
 * that a spot short borrows where the terminal borrows on the venue (Gate's unified account's
 * spot orders, Bitget's cross-margin account apart from the spot wallet).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import type { SpotOrder } from '../../../electron/simulator/spot.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials } from '../../../electron/backend/markets/accountOptions.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { spotBorrowOf } from '../../../electron/backend/trading/brokers/spotBorrow.ts';
import { credentialsFor } from '../trading/harness.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { spotTermsBesideRecorded } from './recordedFixtures.ts';
import { startWireSimulator } from './wireHarness.ts';

export interface QuoteSizedVenue {
  venue: Extract<VenueId, 'bitget' | 'gate'>;
  label: string;
  /** The venue's spot taker fee, taken in the coin a buy receives. */
  spotFee: number;
  /** Our client id as the simulator holds it (Gate keeps its `t-`). */
  heldId: (clientOrderId: string) => string;
  /** The order type, side and USDT of ccxt's plain market buy body. */
  plainBuy: (body: Record<string, string>) => [unknown, unknown, number];
  /** The path spot orders are placed on (POST). */
  placePath: string;
  /** Where its recorded answers are kept (test/fixtures/venues/…), and how many recorded pairs the simulator lists. */
  fixtures: string;
  recordedPairs: number;
}

export interface QuoteSizedRun {
  sim: Simulator;
  client: WireClient;
  broker: Broker;
  /** The best ask when the broker bought, and the BTC the spot wallet then held. */
  askWhenBought: number;
  heldAfterBuy: number;
  plainBuyBody: Record<string, string>;
}

export const BOUGHT = 0.002;
const id = (venue: VenueId, n: number) => `ftspotwire${venue}${n}`;

/** Opens the clients before the file's tests and closes them after; the returned getter reads the run. */
export function quoteSizedRun(spec: QuoteSizedVenue): () => QuoteSizedRun {
  let run: QuoteSizedRun | undefined;
  beforeAll(async () => {
    const sim = await startWireSimulator([spec.venue]);
    const connection = { baseUrl: sim.url, timeoutMs: 3_000 };
    const exchange = createSpotExchange(spec.venue, connection);
    Object.assign(exchange, ccxtCredentials(spec.venue, credentialsFor(spec.venue)));
    exchange.has = { ...exchange.has, fetchCurrencies: false };
    const client = capturingClient(exchange, `${spec.venue} spot`);
    const broker = await createLiveBroker({ venue: spec.venue, credentials: credentialsFor(spec.venue), connection });
    await exchange.loadMarkets();
    await exchange.fetchTicker('BTC/USDT');
    const askWhenBought = Number((await exchange.fetchOrderBook('BTC/USDT', 5)).asks[0][0]);
    await broker.createOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: BOUGHT, reduceOnly: false, clientOrderId: id(spec.venue, 1) });
    const heldAfterBuy = coinsHeld(sim, spec.venue);
    await exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: id(spec.venue, 1) });
    // A resting limit far under the market, for the open-order list.
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, Math.round(askWhenBought / 2), { clientOrderId: id(spec.venue, 2) });
    await exchange.fetchOpenOrders();
    await exchange.fetchBalance();
    // What the terminal does not send: ccxt's own market buy, whose size is USDT.
    await exchange.createOrder('BTC/USDT', 'market', 'buy', BOUGHT, askWhenBought, { clientOrderId: id(spec.venue, 3) });
    const plainBuyBody = JSON.parse(String((exchange as unknown as { last_request_body: string }).last_request_body)) as Record<string, string>;
    run = { sim, client, broker, askWhenBought, heldAfterBuy, plainBuyBody };
  });
  afterAll(async () => {
    await run?.broker.close();
    await run?.client.exchange.close();
    await run?.sim.close();
  });
  return () => run!;
}

function coinsHeld(sim: Simulator, venue: VenueId): number {
  return sim.spot.balances(venue, credentialsFor(venue).apiKey).find((b) => b.coin === 'BTC')?.free ?? 0;
}

function sentOrder(spec: QuoteSizedVenue, run: QuoteSizedRun, n: number): SpotOrder {
  return run.sim.spot.order(spec.venue, credentialsFor(spec.venue).apiKey, { clientOrderId: spec.heldId(id(spec.venue, n)) })!;
}

/** The checks of how orders go out and read back, as `it` blocks of the calling `describe`. */
export function quoteSizedChecks(spec: QuoteSizedVenue, current: () => QuoteSizedRun): void {
  it('every pair the recording lists reads with the recorded lot step, minimums and tick, as a spot market', () => {
    const { exchange } = current().client;
    const pairs = spotTermsBesideRecorded(exchange, spec.fixtures);
    expect(pairs.length).toBe(spec.recordedPairs);
    expect(pairs.map((p) => [p.symbol, ...p.simulated])).toEqual(pairs.map((p) => [p.symbol, ...p.real]));
    expect(() => exchange.market('BTC/USDT:USDT')).toThrow();
  });

  it('a market buy of coins goes out as an IOC limit of those coins within 2 % over the ask, and reads back with its fee in the coin', async () => {
    const run = current();
    const sent = sentOrder(spec, run, 1);
    expect([sent.type, sent.timeInForce, sent.quantity, sent.quoteAmount, sent.status]).toEqual(['limit', 'ioc', BOUGHT, undefined, 'filled']);
    expect(sent.price!).toBeGreaterThanOrEqual(run.askWhenBought);
    // ccxt rounds the limit to the tick.
    expect(sent.price!).toBeLessThanOrEqual(run.askWhenBought * 1.02 + run.client.exchange.market('BTC/USDT').precision.price!);
    const order = (await run.broker.fetchOrderByClientId('BTC/USDT', id(spec.venue, 1)))!;
    expect([order.status, order.side]).toEqual(['filled', 'buy']);
    // The leg holds what filled less the fee taken in BTC; the fee is counted in USD at the fill.
    expect(sent.fee).toBeCloseTo(BOUGHT * spec.spotFee, 12);
    expect(order.filled).toBeCloseTo(BOUGHT - sent.fee, 12);
    expect(order.fee).toBeCloseTo(sent.fee * sent.averagePrice!, 9);
    expect(run.heldAfterBuy).toBeCloseTo(order.filled, 12);
  });

  it(`a plain ccxt market buy sends USDT, and ${spec.label} (the simulator) buys what that USDT pays for, not the coins asked`, () => {
    const run = current();
    const usdt = Number(run.client.exchange.costToPrecision('BTC/USDT', BOUGHT * run.askWhenBought));
    expect(spec.plainBuy(run.plainBuyBody)).toEqual(['market', 'buy', usdt]);
    const plain = sentOrder(spec, run, 3);
    expect(plain.quoteAmount).toBe(usdt);
    expect(plain.quantity).toBeLessThanOrEqual(BOUGHT);
  });

  it('an IOC limit the book does not reach at its price is cancelled, never left resting', async () => {
    const { exchange } = current().client;
    const [bid] = (await exchange.fetchOrderBook('BTC/USDT', 1)).bids[0];
    const open = (await exchange.fetchOpenOrders()).length;
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', BOUGHT, bid, { clientOrderId: id(spec.venue, 4), timeInForce: 'IOC' });
    const order = await exchange.fetchOrder(undefined as unknown as string, 'BTC/USDT', { clientOrderId: id(spec.venue, 4) });
    expect([order.status, order.filled]).toEqual(['canceled', 0]);
    expect((await exchange.fetchOpenOrders()).length).toBe(open);
  });

  it('a closing sell goes out as a market sell of the coins held', async () => {
    const run = current();
    const held = coinsHeld(run.sim, spec.venue);
    const step = run.broker.lot('BTC/USDT').step!;
    const coins = Math.floor(held / step + 1e-9) * step;
    const order = await run.broker.createOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: coins, reduceOnly: true, clientOrderId: id(spec.venue, 5) });
    const sent = sentOrder(spec, run, 5);
    expect([sent.type, sent.side, sent.quantity, sent.quoteAmount, order.status]).toEqual(['market', 'sell', Number(coins.toFixed(6)), undefined, 'filled']);
    expect(coinsHeld(run.sim, spec.venue)).toBeCloseTo(held - coins, 9);
  });

  // Both venues borrow for a spot short (docs/orders.md, "Spot shorts"): Gate on the unified
  // account's own spot orders, Bitget on its cross-margin account, apart from the spot wallet.
  it('an opening spot sell is a short on a borrow: it borrows what the account lacks', async () => {
    const run = current();
    const placed = () => run.sim.log.list({ path: spec.placePath }).filter((entry) => entry.method === 'POST').length;
    const before = placed();
    const held = coinsHeld(run.sim, spec.venue);
    const sell = await run.broker.createOrder({ symbol: 'BTC/USDT', side: 'sell', type: 'market', quantity: BOUGHT, reduceOnly: false, clientOrderId: id(spec.venue, 6) });
    expect(sell.filled).toBeCloseTo(BOUGHT, 12);
    if (spotBorrowOf(spec.venue)?.separate) {
      // The margin account holds no BTC of the spot wallet's: it borrows the whole sell, and the spot wallet sends nothing.
      const onMargin = run.sim.spot.order(spec.venue, credentialsFor(spec.venue).apiKey, { clientOrderId: spec.heldId(id(spec.venue, 6)) }, 'margin');
      expect([placed() - before, onMargin?.borrowed]).toEqual([0, { coin: 'BTC', amount: BOUGHT }]);
      return;
    }
    expect([placed() - before, sentOrder(spec, run, 6).borrowed]).toEqual([1, { coin: 'BTC', amount: Number((BOUGHT - held).toPrecision(12)) }]);
  });
}
