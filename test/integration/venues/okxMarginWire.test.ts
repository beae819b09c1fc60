/**
 * OKX spot margin on the wire (docs/venues.md, "OKX spot margin"): what ccxt `okx` sends for a
 * spot order naming `marginMode: 'cross'`, against ccxt's recorded request, and the simulator's
 * raw answers against OKX's recorded and documented ones: the account balance with a coin sold
 * short (below zero, its liability and interest), the coin's hourly borrow rate, and a buy-back
 * that leaves nothing owed. OKX's borrow-rate answer has no recording in ccxt's static responses:
 * its fixture is OKX's documented answer as ccxt quotes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { okxMarginCoins, OKX_REPAY_PARAMS, OKX_SHORT_PARAMS } from '../../../electron/backend/trading/brokers/okxSpotBorrow.ts';
import type { MarginCoin } from '../../../electron/backend/trading/brokers/spotMargin.ts';
import { recorded } from './recordedFixtures.ts';
import { spotClientKeepingBodies, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SOLD = 0.01;
let sim: Simulator;
let okx: WireClient;
let bodies: Array<Record<string, unknown>> = [];
let balanceAfterSell: unknown;
let shortRead: MarginCoin | undefined;
let afterBuyBack: MarginCoin | undefined;

beforeAll(async () => {
  sim = await startWireSimulator(['okx']);
  const opened = spotClientKeepingBodies(sim, 'okx', (path) => path.startsWith('/api/v5/trade/'));
  okx = opened.client;
  bodies = opened.bodies;
  const { exchange } = okx;
  await exchange.loadMarkets();
  await exchange.createOrder('BTC/USDT', 'market', 'sell', SOLD, undefined, { ...OKX_SHORT_PARAMS, clOrdId: 'ftokxmarginwire1' });
  shortRead = (await okxMarginCoins(exchange)).get('BTC');
  balanceAfterSell = okx.answer('GET', '/api/v5/account/balance');
  await exchange.fetchCrossBorrowRate('BTC');
  // Covers the debt, its interest and the buy's fee (0.1 %, taken in BTC), rounded up to the lot.
  await exchange.createOrder('BTC/USDT', 'market', 'buy', 0.0100111, undefined, { ...OKX_REPAY_PARAMS, clOrdId: 'ftokxmarginwire2' });
  afterBuyBack = (await okxMarginCoins(exchange)).get('BTC');
});

afterAll(async () => {
  await okx?.exchange.close();
  await sim?.close();
});

/** The BTC row of a balance answer, with the account fields around it. */
function btcRow(answer: unknown): unknown {
  const body = answer as { data: Array<{ details: Array<{ ccy: string }> }> };
  return { ...body, data: [{ ...body.data[0], details: body.data[0].details.filter((row) => row.ccy === 'BTC') }] };
}

describe('ccxt sends a spot margin order as recorded', () => {
  it('the sell and the buy-back carry the recorded request\'s fields: tdMode cross and the ccy ccxt picks; the buy-back counts coins (tgtCcy base_ccy)', () => {
    const real = (JSON.parse((recorded('okx-margin', 'createOrderRequest').response as { output: string }).output) as Array<Record<string, unknown>>)[0];
    const names = (body: Record<string, unknown>) => Object.keys(body).filter((k) => !['px', 'tgtCcy', 'tag'].includes(k)).sort();
    const [sell, buyBack] = bodies;
    expect(names(sell)).toEqual(names(real));
    expect(names(buyBack)).toEqual(names(real));
    expect([sell.tdMode, sell.ccy, buyBack.tdMode, buyBack.ccy, buyBack.tgtCcy]).toEqual(['cross', 'BTC', 'cross', 'USDT', 'base_ccy']);
  });
});

describe('OKX margin answers have the fields and types of OKX\'s own', () => {
  it('GET /api/v5/account/balance with a coin sold short', () => {
    const real = btcRow(recorded('okx-spot', 'fetchBalance').response);
    expect(unexplainedDifferences(real, btcRow(balanceAfterSell)).join('\n')).toBe('');
  });

  it('GET /api/v5/account/interest-rate', () => {
    expect(unexplainedDifferences(recorded('okx-margin', 'fetchCrossBorrowRate').response, okx.answer('GET', '/api/v5/account/interest-rate')).join('\n')).toBe('');
  });
});

describe('the borrow as the terminal reads it', () => {
  it('the short is the coins sold, owed with an hour\'s interest; the buy-back leaves nothing owed', () => {
    expect(shortRead!.held).toBeCloseTo(-SOLD, 12);
    expect(shortRead!.interest).toBeGreaterThan(0);
    expect(shortRead!.owed).toBeCloseTo(SOLD + shortRead!.interest, 12);
    expect(afterBuyBack?.owed ?? 0).toBe(0);
    expect(afterBuyBack?.held ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('ccxt reads the coin\'s rate per hour', async () => {
    const rate = await okx.exchange.fetchCrossBorrowRate('BTC');
    expect([rate.currency, rate.period]).toEqual(['BTC', 3_600_000]);
    expect(rate.rate! * 24).toBeCloseTo(0.0001, 9);
  });
});
