/**
 * Bybit spot margin on the wire (docs/venues.md, "Bybit spot margin"): what ccxt `bybit` sends
 * for a spot order given `isLeverage: 1`, against ccxt's recorded unified-account spot order and
 * Bybit's documented spot margin order, and the simulator's raw answers against Bybit's
 * documented ones: the wallet balance with a coin sold short (its `spotBorrow`, `borrowAmount`
 * and `accruedInterest`), the coin's hourly borrow rate, the spot margin switch, and a buy-back
 * that leaves nothing owed. ccxt's static files record none of these for Bybit (no request with
 * `isLeverage`, no wallet balance with a borrow, no borrow rate or margin state answer): each
 * fixture says which documented answer it holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { createSpotExchange } from '../../../electron/backend/markets/spotExchange.ts';
import { ccxtCredentials } from '../../../electron/backend/markets/accountOptions.ts';
import { BYBIT_REPAY_PARAMS, BYBIT_SHORT_PARAMS, bybitBorrowRefusal, bybitMarginCoins, type BybitMarginCoin } from '../../../electron/backend/trading/brokers/bybitSpotBorrow.ts';
import { buyBackCoins } from '../../../electron/backend/trading/brokers/spotMargin.ts';
import { DAILY_INTEREST_RATE } from '../../../electron/simulator/marginDebts.ts';
import { credentialsFor } from '../trading/harness.ts';
import { recorded } from './recordedFixtures.ts';
import { capturingClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SOLD = 0.01;
let sim: Simulator;
let bybit: WireClient;
const bodies: Array<Record<string, unknown>> = [];
let balanceAfterSell: unknown;
let shortRead: BybitMarginCoin | undefined;
let hoursLater: BybitMarginCoin | undefined;
let afterBuyBack: BybitMarginCoin | undefined;
let refusalWhenOn: string | null;

type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

/** Records the body of every order ccxt sends. */
function recordOrderBodies(exchange: Exchange): void {
  const fetch = (exchange.fetch as Fetch).bind(exchange);
  exchange.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
    if (method === 'POST' && new URL(url).pathname === '/v5/order/create') bodies.push(JSON.parse(String(body)) as Record<string, unknown>);
    return fetch(url, method, headers, body);
  }) as typeof exchange.fetch;
}

beforeAll(async () => {
  sim = await startWireSimulator(['bybit']);
  const exchange = createSpotExchange('bybit', { baseUrl: sim.url, timeoutMs: 3_000 });
  Object.assign(exchange, ccxtCredentials('bybit', credentialsFor('bybit')));
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  recordOrderBodies(exchange);
  bybit = capturingClient(exchange, 'bybit margin');
  await exchange.loadMarkets();
  refusalWhenOn = await bybitBorrowRefusal(exchange);
  await exchange.createOrder('BTC/USDT', 'market', 'sell', SOLD, undefined, { ...BYBIT_SHORT_PARAMS, orderLinkId: 'ftbybitmarginwire1' });
  shortRead = (await bybitMarginCoins(exchange)).get('BTC');
  balanceAfterSell = bybit.answer('GET', '/v5/account/wallet-balance');
  await exchange.fetchCrossBorrowRate('BTC');
  // Two full hours later the venue has charged two more hours of interest.
  sim.clock.advanceTo(sim.clock.now() + 2 * 3_600_000);
  hoursLater = (await bybitMarginCoins(exchange)).get('BTC');
  // Covers the debt, its interest and the buy's fee (taken in BTC), rounded up to the lot.
  await exchange.createOrder('BTC/USDT', 'market', 'buy', buyBackCoins(exchange, 'BTC/USDT', hoursLater!.owed, 0.001), undefined, { ...BYBIT_REPAY_PARAMS, orderLinkId: 'ftbybitmarginwire2' });
  afterBuyBack = (await bybitMarginCoins(exchange)).get('BTC');
});

afterAll(async () => {
  await bybit?.exchange.close();
  await sim?.close();
});

/** The BTC row of a wallet-balance answer, with the account fields around it. */
function btcRow(answer: unknown): unknown {
  const body = answer as { result: { list: Array<{ coin: Array<{ coin: string }> }> } };
  const [account] = body.result.list;
  return { ...body, result: { ...body.result, list: [{ ...account, coin: account.coin.filter((row) => row.coin === 'BTC') }] } };
}

describe('ccxt sends a spot margin order as recorded and documented', () => {
  it('the sell and the buy-back carry the recorded unified-account spot order\'s fields (a market order counted in coins) and the documented isLeverage 1, a number', () => {
    const real = JSON.parse((recorded('bybit-margin', 'createOrderRequest').response as { output: string }).output) as Record<string, unknown>;
    const documented = recorded('bybit-margin', 'marginOrderRequest').response as Record<string, unknown>;
    const names = (body: Record<string, unknown>) => Object.keys(body).filter((k) => k !== 'orderLinkId').sort();
    const [sell, buyBack] = bodies;
    expect(names(sell)).toEqual([...Object.keys(real), 'isLeverage'].sort());
    expect(names(buyBack)).toEqual(names(sell));
    expect([sell.side, sell.marketUnit, sell.isLeverage, buyBack.side, buyBack.marketUnit, buyBack.isLeverage]).toEqual(['Sell', 'baseCoin', documented.isLeverage, 'Buy', 'baseCoin', documented.isLeverage]);
    expect(typeof sell.isLeverage).toBe(typeof documented.isLeverage);
  });
});

describe('Bybit margin answers have the fields and types of Bybit\'s own', () => {
  it('GET /v5/account/wallet-balance with a coin sold short', () => {
    const real = btcRow(recorded('bybit-margin', 'fetchBalance').response);
    expect(unexplainedDifferences(real, btcRow(balanceAfterSell)).join('\n')).toBe('');
  });

  it('GET /v5/spot-margin-trade/data', () => {
    const allowed = { 'type $.retExtInfo': 'ccxt\'s quote states retExtInfo as the string "{}"; Bybit\'s own documented answers state an object, as the simulator does' };
    expect(unexplainedDifferences(recorded('bybit-margin', 'fetchCrossBorrowRate').response, bybit.answer('GET', '/v5/spot-margin-trade/data'), { allowed }).join('\n')).toBe('');
  });

  it('GET /v5/spot-margin-trade/state', () => {
    expect(unexplainedDifferences(recorded('bybit-margin', 'spotMarginState').response, bybit.answer('GET', '/v5/spot-margin-trade/state')).join('\n')).toBe('');
  });
});

describe('the borrow as the terminal reads it', () => {
  it('the short is the coins sold, owed with an hour\'s interest and two more two hours later; the buy-back leaves nothing owed', () => {
    expect(refusalWhenOn).toBeNull();
    const hourly = SOLD * DAILY_INTEREST_RATE / 24;
    expect(shortRead!.held).toBeCloseTo(-SOLD, 12);
    expect(shortRead!.spotBorrow).toBeCloseTo(SOLD, 12);
    expect(shortRead!.interest).toBeCloseTo(hourly, 12);
    expect(shortRead!.owed).toBeCloseTo(SOLD + shortRead!.interest, 12);
    // The interest is owed beside the short, not coins sold: the short stays the coins sold.
    expect([hoursLater!.held, hoursLater!.interest / hourly]).toEqual([shortRead!.held, expect.closeTo(3, 6)]);
    expect(afterBuyBack?.owed ?? 0).toBe(0);
    expect(afterBuyBack?.held ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('ccxt reads the coin\'s rate per hour', async () => {
    const rate = await bybit.exchange.fetchCrossBorrowRate('BTC');
    expect([rate.currency, rate.period]).toEqual(['BTC', 3_600_000]);
    expect(rate.rate! * 24).toBeCloseTo(DAILY_INTEREST_RATE, 9);
  });

  it('an account with spot margin trading off is refused in words, and Bybit refuses its isLeverage order', async () => {
    const key = credentialsFor('bybit').apiKey;
    sim.spot.setLending('bybit', key, false);
    try {
      expect(await bybitBorrowRefusal(bybit.exchange)).toMatch(/^spot margin trading is off on the Bybit Unified Trading Account, so a spot sell cannot borrow the coin; turn it on at Bybit \(the terminal never changes it\)$/);
      await expect(bybit.exchange.createOrder('BTC/USDT', 'market', 'sell', SOLD, undefined, { ...BYBIT_SHORT_PARAMS, orderLinkId: 'ftbybitmarginwire3' })).rejects.toThrow(/spot margin trading is off/);
      expect((await bybitMarginCoins(bybit.exchange)).get('BTC')?.owed ?? 0).toBe(0);
    } finally {
      sim.spot.setLending('bybit', key, true);
    }
  });
});
