/**
 * Bitget cross margin on the wire (docs/venues.md, "Bitget cross margin"): what ccxt `bitget`
 * sends for the terminal's short sell and buy-back against ccxt's recorded cross-margin order
 * request, and the simulator's raw answers against Bitget's documented ones: the account's coins
 * with one sold short (its borrow and interest), the coin's daily rate and limit, what the account
 * may borrow, the order history and the fills; then the borrow as the terminal reads it, and a
 * buy-back that leaves nothing owed. ccxt's static responses record none of these answers (in the
 * part of bitget.json searched): their fixtures are Bitget's documented answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import {
  BITGET_REPAY_PARAMS, BITGET_SHORT_PARAMS, bitgetBorrowRefusal, bitgetMarginCoins, bitgetMarginOrder,
} from '../../../electron/backend/trading/brokers/bitgetSpotBorrow.ts';
import type { MarginCoin } from '../../../electron/backend/trading/brokers/spotMargin.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded } from './recordedFixtures.ts';
import { spotClientKeepingBodies, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SOLD = 0.01;
let sim: Simulator;
let bitget: WireClient;
let bodies: Array<Record<string, unknown>> = [];
let assetsAfterSell: unknown;
let shortRead: MarginCoin | undefined;
let afterBuyBack: MarginCoin | undefined;
let sellRead: Awaited<ReturnType<typeof bitgetMarginOrder>>;
let refusalBefore: string | null;

beforeAll(async () => {
  sim = await startWireSimulator(['bitget']);
  const opened = spotClientKeepingBodies(sim, 'bitget', (path) => path === '/api/v2/margin/crossed/place-order');
  bitget = opened.client;
  bodies = opened.bodies;
  const { exchange } = bitget;
  await exchange.loadMarkets();
  refusalBefore = await bitgetBorrowRefusal(exchange, 'BTC/USDT');
  await exchange.createOrder('BTC/USDT', 'market', 'sell', SOLD, undefined, { ...BITGET_SHORT_PARAMS, clientOrderId: 'ftbitgetmarginwire1' });
  shortRead = (await bitgetMarginCoins(exchange)).get('BTC');
  assetsAfterSell = bitget.answer('GET', '/api/v2/margin/crossed/account/assets');
  sellRead = await bitgetMarginOrder(exchange, 'BTC/USDT', 'ftbitgetmarginwire1');
  await exchange.fetchCrossBorrowRate('BTC');
  // Covers the debt, its interest and the buy's fee (0.1 %, taken in BTC), rounded up to the lot;
  // an IOC limit above the ask, as the terminal buys back on Bitget.
  const ask = (await exchange.fetchOrderBook('BTC/USDT', 5)).asks[0][0]!;
  await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.010012, ask * 1.02, { ...BITGET_REPAY_PARAMS, clientOrderId: 'ftbitgetmarginwire2', timeInForce: 'IOC' });
  afterBuyBack = (await bitgetMarginCoins(exchange)).get('BTC');
});

afterAll(async () => {
  await bitget?.exchange.close();
  await sim?.close();
});

describe('ccxt sends a cross-margin order as recorded', () => {
  it('the sell and the buy-back carry the recorded request\'s fields; the sell borrows (autoLoan), the buy-back repays (autoRepay), both in coins', () => {
    const real = (recorded('bitget-margin', 'createOrderRequest').response as { output: Record<string, unknown> }).output;
    const names = (body: Record<string, unknown>) => Object.keys(body).filter((k) => !['price', 'clientOid'].includes(k)).sort();
    const [sell, buyBack] = bodies;
    expect(names(sell)).toEqual(names(real));
    expect(names(buyBack)).toEqual(names(real));
    expect([sell.loanType, sell.baseSize, sell.force, buyBack.loanType, buyBack.baseSize, buyBack.force]).toEqual(['autoLoan', '0.01', 'GTC', 'autoRepay', '0.010012', 'IOC']);
  });
});

describe('Bitget cross-margin answers have the fields and types of Bitget\'s own', () => {
  const btcRow = (answer: unknown) => {
    const body = answer as { data: Array<{ coin: string }> };
    return { ...body, data: body.data.filter((row) => row.coin === 'BTC') };
  };

  it('GET /api/v2/margin/crossed/account/assets with a coin sold short', () => {
    expect(btcRow(assetsAfterSell).data).toHaveLength(1);
    expect(unexplainedDifferences(recorded('bitget-margin', 'fetchBalance').response, btcRow(assetsAfterSell)).join('\n')).toBe('');
  });

  it('GET /api/v2/margin/crossed/interest-rate-and-limit', () => {
    expect(unexplainedDifferences(recorded('bitget-margin', 'fetchCrossBorrowRate').response, bitget.answer('GET', '/api/v2/margin/crossed/interest-rate-and-limit')).join('\n')).toBe('');
  });

  it('GET /api/v2/margin/crossed/account/max-borrowable-amount', () => {
    expect(unexplainedDifferences(recorded('bitget-margin', 'maxBorrowableAmount').response, bitget.answer('GET', '/api/v2/margin/crossed/account/max-borrowable-amount')).join('\n')).toBe('');
  });

  it('GET /api/v2/margin/crossed/history-orders and fills', () => {
    expect(unexplainedDifferences(recorded('bitget-margin', 'fetchClosedOrders').response, bitget.answer('GET', '/api/v2/margin/crossed/history-orders')).join('\n')).toBe('');
    expect(unexplainedDifferences(recorded('bitget-margin', 'fetchMyTrades').response, bitget.answer('GET', '/api/v2/margin/crossed/fills')).join('\n')).toBe('');
  });
});

describe('the borrow as the terminal reads it', () => {
  it('an account that lends is not refused; the short is the coins sold, owed with an hour\'s interest; the buy-back leaves nothing owed', () => {
    expect(refusalBefore).toBeNull();
    expect(shortRead!.held).toBeCloseTo(-SOLD, 12);
    expect(shortRead!.interest).toBeGreaterThan(0);
    expect(shortRead!.owed).toBeCloseTo(SOLD + shortRead!.interest, 12);
    expect(afterBuyBack?.owed ?? 0).toBe(0);
    expect(afterBuyBack?.held ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('the sell read back from the history list: filled in full, its fee in USDT from the fills', () => {
    expect([sellRead?.side, sellRead?.status, sellRead?.filled]).toEqual(['sell', 'closed', SOLD]);
    const fees = (sellRead as { fees?: Array<{ cost?: number; currency?: string }> }).fees ?? [];
    expect(fees.map((f) => f.currency)).toEqual(fees.map(() => 'USDT'));
    expect(fees.reduce((sum, f) => sum + (f.cost ?? 0), 0)).toBeCloseTo(SOLD * sellRead!.average! * 0.001, 6);
  });

  it('ccxt reads the coin\'s rate per day', async () => {
    const rate = await bitget.exchange.fetchCrossBorrowRate('BTC');
    expect([rate.currency, rate.period]).toEqual(['BTC', 86_400_000]);
    expect(rate.rate).toBeCloseTo(0.0001, 9);
  });

  it('an account that cannot borrow is refused in words', async () => {
    sim.spot.setLending('bitget', credentialsFor('bitget').apiKey, false);
    try {
      expect(await bitgetBorrowRefusal(bitget.exchange, 'BTC/USDT')).toMatch(/^the Bitget cross-margin account can borrow no BTC \(max borrowable 0\)/);
    } finally {
      sim.spot.setLending('bitget', credentialsFor('bitget').apiKey, true);
    }
  });
});
