/**
 * Hyperliquid spot as the terminal calls it (docs/venues.md, "Hyperliquid spot"): ccxt
 * `hyperliquid` with spot markets only, against the simulator. The simulator's raw spot answers
 * against Hyperliquid's recorded real ones and its documented pairs list (ccxt's static
 * responses: a spot wallet, a filled spot IOC order, a spot fill), its BTC pair as ccxt reads it
 * (the wrapped UBTC token named `BTC/USDC`, id `@<index>`, asset 10000 + index, the recorded
 * szDecimals), and what ccxt sends for a spot market buy: an IOC limit at the price plus its
 * slippage, on the spot asset.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import { recorded, recordedMarkets } from './recordedFixtures.ts';
import { spotWireClient, type WireClient } from './venueClients.ts';
import { startWireSimulator } from './wireHarness.ts';
import { unexplainedDifferences } from './wireShape.ts';

const SPOT = 'BTC/USDC';
const BOUGHT = 0.002;
const CLOID = `0x${'5b'.repeat(16)}`;
let sim: Simulator;
let hl: WireClient;
const answers = new Map<string, unknown>();
/** The order ccxt sent for the market buy (`action.orders[0]` of the signed body). */
let sentOrder: Record<string, unknown> = {};
let askAtBuy = 0;

beforeAll(async () => {
  sim = await startWireSimulator(['hyperliquid']);
  hl = spotWireClient(sim, 'hyperliquid');
  const { exchange } = hl;
  const info = (name: string) => answers.set(name, hl.answer('POST', '/info'));
  await exchange.loadMarkets();
  info('spotMetaAndAssetCtxs');
  askAtBuy = Number((await exchange.fetchOrderBook(SPOT, 5)).asks[0][0]);
  info('l2Book');
  await exchange.createOrder(SPOT, 'market', 'buy', BOUGHT, askAtBuy, { clientOrderId: CLOID });
  answers.set('createOrder', hl.answer('POST', '/exchange'));
  sentOrder = (JSON.parse(String((exchange as unknown as { last_request_body: string }).last_request_body)) as { action: { orders: Array<Record<string, unknown>> } }).action.orders[0];
  await exchange.fetchOrder(undefined as unknown as string, SPOT, { clientOrderId: CLOID });
  info('fetchOrder');
  await exchange.fetchMyTrades(SPOT);
  info('fetchMyTrades');
  answers.set('balance', await exchange.fetchBalance());
  info('fetchBalance');
});

afterAll(async () => {
  await hl?.exchange.close();
  await sim?.close();
});

/** The wallet rows of `coins` in a spotClearinghouseState answer. */
const balanceRows = (answer: unknown, coins: string[]) => ({ balances: (answer as { balances: Array<{ coin: string }> }).balances.filter((row) => coins.includes(row.coin)) });

describe('Hyperliquid spot answers have the fields and types of Hyperliquid\'s recorded ones', () => {
  it.each([
    { name: 'POST /info spotMetaAndAssetCtxs (the documented pairs list)', fixture: 'spotMetaAndAssetCtxs', pick: (a: unknown) => a },
    { name: 'POST /info orderStatus (a filled spot IOC buy)', fixture: 'fetchOrder', pick: (a: unknown) => a },
    { name: 'POST /info userFills (a spot fill)', fixture: 'fetchMyTrades', pick: (a: unknown) => a },
    { name: 'POST /info spotClearinghouseState (USDC and the UBTC bought)', fixture: 'fetchBalance', pick: (a: unknown) => balanceRows(a, ['USDC', 'UBTC']) },
  ])('$name', ({ fixture, pick }) => {
    expect(unexplainedDifferences(recorded('hyperliquid-spot', fixture).response, pick(answers.get(fixture))).join('\n')).toBe('');
  });

  it('POST /exchange: a spot order\'s answer has the recorded filled order\'s fields (`filled.totalSz`, `avgPx`, `oid`)', () => {
    expect(unexplainedDifferences(recorded('hyperliquid', 'createOrder').response, answers.get('createOrder')).join('\n')).toBe('');
    const status = (answers.get('createOrder') as { response: { data: { statuses: Array<{ filled?: { totalSz: string } }> } } }).response.data.statuses[0];
    expect(Number(status.filled?.totalSz)).toBe(BOUGHT);
  });
});

describe('Hyperliquid spot through ccxt', () => {
  it('the BTC pair is the wrapped UBTC token, named BTC/USDC, its id `@<index>` as the venue names pairs and its asset 10000 + index; the lot is UBTC\'s recorded szDecimals', () => {
    const market = hl.exchange.market(SPOT);
    const pair = sim.spot.pairOf('hyperliquid', 'BTC')!;
    const recordedName = (recorded('hyperliquid-spot', 'fetchOHLCV').response as Array<{ s: string }>)[0].s;
    expect([recordedName, market.id]).toEqual([expect.stringMatching(/^@\d+$/), expect.stringMatching(/^@\d+$/)]);
    expect([market.id, market.baseId, (market as { baseName?: string }).baseName, market.base, market.quote]).toEqual([pair.id, String(10_000 + pair.index!.pair), 'UBTC', 'BTC', 'USDC']);
    expect([market.spot, market.contract, market.precision.amount, market.limits.cost?.min]).toEqual([true, false, 0.00001, 10]);
    const purr = recordedMarkets('hyperliquid-spot').markets['PURR/USDC'];
    expect([purr.spot, purr.contract, purr.baseId]).toEqual([market.spot, market.contract, String(10_000 + Number((purr.info as { tokens: number[] }).tokens[1]))]);
    expect(() => hl.exchange.market('BTC/USDC:USDC')).toThrow();
  });

  it('a market buy goes out as an IOC limit on the spot asset at the ask plus ccxt\'s 5 % slippage, in coins; the wallet holds the coins less the fee, taken in UBTC', () => {
    const pair = sim.spot.pairOf('hyperliquid', 'BTC')!;
    expect([sentOrder.a, sentOrder.b, sentOrder.s, sentOrder.r, sentOrder.t]).toEqual([10_000 + pair.index!.pair, true, String(BOUGHT), false, { limit: { tif: 'Ioc' } }]);
    expect(Number(sentOrder.p)).toBeCloseTo(askAtBuy * 1.05, -1);
    const fill = (answers.get('fetchMyTrades') as Array<{ feeToken: string; fee: string; dir: string }>)[0];
    expect([fill.feeToken, fill.dir]).toEqual(['UBTC', 'Buy']);
    const balance = answers.get('balance') as { total: Record<string, number> };
    expect(balance.total.BTC).toBeCloseTo(BOUGHT - Number(fill.fee), 12);
  });
});
