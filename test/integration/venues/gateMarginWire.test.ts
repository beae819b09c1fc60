/**
 * Gate margin on the wire (docs/venues.md, "Gate margin"): what ccxt `gate` sends for a spot
 * order naming the unified account, against ccxt's recorded request, and the simulator's raw
 * answers against Gate's documented ones: the unified account with a coin sold short (its
 * borrow and the interest owed beside it), the account mode and the coin's hourly borrow rate,
 * and a buy-back that leaves nothing owed. ccxt's static responses record none of Gate's unified
 * answers: their fixtures are Gate's documented answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { GATE_REPAY_PARAMS, GATE_SHORT_PARAMS, gateBorrowRefusal, gateDailyRate, gateMarginCoins } from '../../../electron/backend/trading/brokers/gateSpotBorrow.ts';
import type { MarginCoin } from '../../../electron/backend/trading/brokers/spotMargin.ts';
import { DAILY_INTEREST_RATE } from '../../../electron/simulator/marginDebts.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded } from './recordedFixtures.ts';
import { spotClientKeepingBodies, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SOLD = 0.01;
let sim: Simulator;
let gate: WireClient;
let bodies: Array<Record<string, unknown>> = [];
let accountAfterSell: unknown;
let shortRead: MarginCoin | undefined;
let afterBuyBack: MarginCoin | undefined;
let refusalWithoutLending: string | null = null;

beforeAll(async () => {
  sim = await startWireSimulator(['gate']);
  const opened = spotClientKeepingBodies(sim, 'gate', (path) => path === '/api/v4/spot/orders');
  gate = opened.client;
  bodies = opened.bodies;
  const { exchange } = gate;
  await exchange.loadMarkets();
  await exchange.createOrder('BTC/USDT', 'market', 'sell', SOLD, undefined, { ...GATE_SHORT_PARAMS, text: 't-ftgatemarginwire1' });
  shortRead = (await gateMarginCoins(exchange)).get('BTC');
  accountAfterSell = gate.answer('GET', '/api/v4/unified/accounts');
  await gateDailyRate(exchange, 'BTC');
  await gateBorrowRefusal(exchange);
  // Covers the debt, its interest and the buy's fee (0.2 %, taken in BTC), rounded up to the step;
  // an IOC limit in coins over the ask, as the live broker buys on Gate.
  const ask = Number((await exchange.fetchOrderBook('BTC/USDT', 5)).asks[0][0]);
  await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.010021, ask * 1.02, { ...GATE_REPAY_PARAMS, timeInForce: 'IOC', text: 't-ftgatemarginwire2' });
  afterBuyBack = (await gateMarginCoins(exchange)).get('BTC');
  sim.spot.setLending('gate', credentialsFor('gate').apiKey, false);
  refusalWithoutLending = await gateBorrowRefusal(exchange);
  sim.spot.setLending('gate', credentialsFor('gate').apiKey, true);
});

afterAll(async () => {
  await gate?.exchange.close();
  await sim?.close();
});

describe('ccxt sends a unified spot order as recorded', () => {
  it('the sell and the buy-back carry the recorded request\'s fields, on account unified; the sell borrows, the buy-back repays and buys coins', () => {
    const real = JSON.parse((recorded('gate-margin', 'createOrderRequest').response as { output: string }).output) as Record<string, unknown>;
    const names = (body: Record<string, unknown>) => Object.keys(body).filter((k) => !['price', 'time_in_force', 'text', 'auto_borrow', 'auto_repay'].includes(k)).sort();
    const [sell, buyBack] = bodies;
    expect(names(sell)).toEqual(names(real).filter((k) => k !== 'price'));
    expect(names(buyBack)).toEqual(names(real).filter((k) => k !== 'price'));
    expect([sell.account, sell.auto_borrow, sell.amount, buyBack.account, buyBack.auto_repay, buyBack.type, buyBack.amount, buyBack.time_in_force])
      .toEqual([real.account, true, String(SOLD), real.account, true, 'limit', '0.010021', 'ioc']);
  });
});

describe('Gate unified answers have the fields and types of Gate\'s own', () => {
  it('GET /api/v4/unified/accounts with a coin sold short', () => {
    const allowed = { 'extra $.mode': 'in Gate\'s response schema ("Unified account mode"), not in its example' };
    expect(unexplainedDifferences(recorded('gate-margin', 'fetchBalance').response, accountAfterSell, { maps: ['$.balances'], allowed }).join('\n')).toBe('');
    const btc = (accountAfterSell as { balances: Record<string, Record<string, string>> }).balances.BTC;
    expect([btc.available, btc.borrowed, Number(btc.negative_liab) > 0]).toEqual(['0', String(SOLD), true]);
  });

  it('GET /api/v4/unified/unified_mode and /unified/estimate_rate', () => {
    expect(unexplainedDifferences(recorded('gate-margin', 'fetchUnifiedMode').response, gate.answer('GET', '/api/v4/unified/unified_mode')).join('\n')).toBe('');
    expect(unexplainedDifferences(recorded('gate-margin', 'fetchBorrowRate').response, gate.answer('GET', '/api/v4/unified/estimate_rate'), { maps: ['$'] }).join('\n')).toBe('');
  });
});

describe('the borrow as the terminal reads it', () => {
  it('the short is the coins sold, owed with an hour\'s interest; the buy-back leaves nothing owed', () => {
    expect(shortRead!.held).toBeCloseTo(-SOLD, 12);
    expect(shortRead!.interest).toBeCloseTo(SOLD * DAILY_INTEREST_RATE / 24, 12);
    expect(shortRead!.owed).toBeCloseTo(SOLD + shortRead!.interest, 12);
    expect(afterBuyBack?.owed ?? 0).toBe(0);
    expect(afterBuyBack?.held ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('the coin\'s hourly rate reads per day; an account in classic mode is refused in words', async () => {
    expect(await gateDailyRate(gate.exchange, 'BTC')).toBeCloseTo(DAILY_INTEREST_RATE, 12);
    expect(await gateBorrowRefusal(gate.exchange)).toBeNull();
    expect(refusalWithoutLending).toMatch(/^the Gate account is in Classic account mode, which lends a spot sell nothing; a spot short needs the unified account in Multi-currency or Portfolio margin mode/);
  });
});
