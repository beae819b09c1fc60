/**
 * Lot rules against the simulator through ccxt: BTC trades in 0.001 BTC steps on Binance (its
 * LOT_SIZE filter) and in 0.1 of a 0.01-BTC contract on OKX (OKX's own lotSz and ctVal; the
 * simulator copies both venues' recorded terms, and ccxt counts OKX in contracts that
 * `contractSize` turns into coins): 0.001 BTC on both. The pair's one base quantity is rounded
 * down to a step both venues can send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { optionsFor } from '../../../electron/backend/markets/accountOptions.ts';
import { createTicketService, type TicketService } from '../../../electron/backend/trading/ticketService.ts';
import { createTicketSources } from './ticketSources.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, TicketSchema, type Ticket } from '../../../shared/domain/ticket.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const VENUES = ['binanceusdm', 'okx'] as const;
const credential = (venue: string) => ({ apiKey: `${venue}-lot-key`, secret: `${venue}-lot-secret`, password: 'lot-pass' });

let sim: Simulator;
let exchanges: Exchange[];
let service: TicketService;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 20, initialBalance: 100_000 });
  exchanges = VENUES.map((venue) => {
    sim.credentials.add({ venue, ...credential(venue) });
    const exchange = createExchange(venue, optionsFor(venue, true), { baseUrl: sim.url });
    Object.assign(exchange, credential(venue));
    exchange.has = { ...exchange.has, fetchCurrencies: false };
    return exchange;
  });
  const now = () => sim.clock.now();
  service = createTicketService({
    quotes: () => [], ...createTicketSources({ binanceusdm: exchanges[0], okx: exchanges[1] }, now),
    settings: () => ({ ...DEFAULT_SETTINGS, ...DEFAULT_RISK_SETTINGS }),
    alignment: () => ({ tag: 'neutral', reason: 'no sector signal' }),
    gateway: { submitPair: () => Promise.reject(new Error('not submitted in this test')) },
    exposure: () => 0, now,
  });
});

afterAll(async () => {
  for (const exchange of exchanges ?? []) await exchange.close();
  await sim?.close();
});

function ticket(quantity: number): Ticket {
  return TicketSchema.parse({
    ticketId: `lot-${String(quantity).replace('.', '_')}`, kind: 'perp-perp', base: 'BTC',
    legs: [
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', side: 'buy', instrument: 'perp' },
      { venue: 'okx', symbol: 'BTC/USDT:USDT', side: 'sell', instrument: 'perp' },
    ],
    quantity, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 24,
  });
}

const instrument = (venue: (typeof VENUES)[number]) => sim.market.instruments(venue).find((i) => i.base === 'BTC')!;

describe('lot size and minimums across venues', () => {
  it('reads each venue\'s step in base units: Binance 0.001 BTC, OKX 0.1 of a 0.01-BTC contract', async () => {
    const preview = await service.preview(ticket(0.05));
    const [binance, okx] = preview.legs;
    expect(binance.lotStep).toBeCloseTo(instrument('binanceusdm').stepSize, 12);
    expect(binance.minNotional).toBe(instrument('binanceusdm').minNotional);
    expect(okx.lotStep).toBeCloseTo(instrument('okx').stepSize * instrument('okx').contractSize, 12);
    expect(okx.minQuantity).toBeCloseTo(instrument('okx').minQty * instrument('okx').contractSize, 12);
    expect([binance.lotStep, okx.lotStep]).toEqual([0.001, 0.001]);
  });

  it('rounds the one base quantity of both legs down to the step both send: 0.05375 BTC trades 0.053', async () => {
    const preview = await service.preview(ticket(0.05375));
    expect(preview.requestedQuantity).toBe(0.05375);
    expect(preview.quantity).toBe(0.053);
    expect(preview.legs.map((leg) => leg.quantity)).toEqual([0.053, 0.053]);
    const lot = preview.checklist.find((item) => item.id === 'lot-size')!;
    expect(lot.status).toBe('pass');
    expect(lot.detail).toContain('rounded down from 0.05375');
  });

  it('a quantity below one OKX lot (0.1 contract) rounds to nothing and fails the checklist, naming the venues', async () => {
    const preview = await service.preview(ticket(0.00099));
    expect(preview.quantity).toBe(0);
    const lot = preview.checklist.find((item) => item.id === 'lot-size')!;
    expect(lot.status).toBe('fail');
    expect(lot.detail).toMatch(/BTC\/USDT:USDT on okx: quantity rounds down to nothing on its lot step 0\.001/);
    expect(lot.detail).toMatch(/on okx: 0 is below its minimum quantity 0\.001/);
    expect(preview.passed).toBe(false);
  });
});
