/**
 * The ticket service against the venue simulator, through ccxt's real HTTP code: funding
 * quotes from the market-data adapters, order books of 500 levels, signed balances and
 * Binance's leverage brackets; the gateway records the intent it would execute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { createExchange } from '../../../electron/backend/markets/exchanges.ts';
import { binanceSpec } from '../../../electron/backend/markets/binanceusdm.ts';
import { bybitSpec } from '../../../electron/backend/markets/bybit.ts';
import { createTicketService, type TicketService } from '../../../electron/backend/trading/ticketService.ts';
import { createTicketSources } from './ticketSources.ts';
import type { PairIntent } from '../../../shared/domain/orders.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, TicketSchema, type Ticket } from '../../../shared/domain/ticket.ts';
import { walkBook } from '../../../shared/risk/costs.ts';
import { liquidationPrice } from '../../../shared/risk/liquidation.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const BALANCE = 100_000;
const VENUES = ['binanceusdm', 'bybit'] as const;

let sim: Simulator;
let adapters: VenueAdapter[];
let exchanges: Record<(typeof VENUES)[number], Exchange>;
let quotes: FundingQuote[] = [];
let sent: PairIntent[];
let service: TicketService;

function signedExchange(venue: (typeof VENUES)[number]): Exchange {
  const options = venue === 'bybit' ? { ...bybitSpec.exchangeOptions, enableUnifiedAccount: true, enableUnifiedMargin: false } : binanceSpec.exchangeOptions;
  const exchange = createExchange(venue, options, { baseUrl: sim.url });
  Object.assign(exchange, { apiKey: `${venue}-ticket-key`, secret: `${venue}-ticket-secret` });
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return exchange;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, paused: true, startTime: START_TIME, venues: [...VENUES], universeSize: 20, initialBalance: BALANCE });
  for (const venue of VENUES) sim.credentials.add({ venue, apiKey: `${venue}-ticket-key`, secret: `${venue}-ticket-secret` });
  const now = () => sim.clock.now();
  adapters = VENUES.map((venue) => ADAPTERS[venue]({ connection: { baseUrl: sim.url }, cadenceScale: 1, now }));
  exchanges = { binanceusdm: signedExchange('binanceusdm'), bybit: signedExchange('bybit') };
  quotes = (await Promise.all(adapters.map((adapter) => adapter.poll()))).flat();
  const sources = createTicketSources(exchanges, now);
  sent = [];
  service = createTicketService({
    quotes: () => quotes, ...sources, settings: () => ({ ...DEFAULT_SETTINGS, ...DEFAULT_RISK_SETTINGS }),
    alignment: () => ({ tag: 'neutral', reason: 'no sector signal' }),
    gateway: { submitPair: async (intent) => { sent.push(intent); return { pairId: intent.ticketId, status: 'hedged', orders: [], alerts: [], message: 'recorded' }; } },
    exposure: () => 0, now,
  });
});

afterAll(async () => {
  for (const adapter of adapters ?? []) await adapter.close();
  for (const exchange of Object.values(exchanges ?? {})) await exchange.close();
  await sim?.close();
});

/** BTC long on the venue with the lower rate, short on the higher, as the prefill would. */
function btcTicket(overrides: Partial<Ticket> = {}): Ticket {
  const btc = quotes.filter((q) => q.base === 'BTC' && q.multiplier === 1).sort((a, b) => (a.rate! / a.intervalHours) - (b.rate! / b.intervalHours));
  const [low, high] = [btc[0], btc[btc.length - 1]];
  return TicketSchema.parse({
    ticketId: 'sim-1', kind: 'perp-perp', base: 'BTC',
    legs: [
      { venue: low.venue, symbol: low.symbol, side: 'buy', instrument: 'perp' },
      { venue: high.venue, symbol: high.symbol, side: 'sell', instrument: 'perp' },
    ],
    quantity: 0.05, leverage: 5, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 24, ...overrides,
  });
}

describe('ticket preview against the simulator through ccxt', () => {
  it('has a fresh BTC quote on both venues to trade', () => {
    expect(new Set(quotes.filter((q) => q.base === 'BTC').map((q) => q.venue))).toEqual(new Set(VENUES));
  });

  it('prices slippage on the venues\' own 500-level books and reads equity from the signed balances', async () => {
    const ticket = btcTicket();
    const preview = await service.preview(ticket);
    expect(preview.equityUsd).toBeCloseTo(2 * BALANCE, 6);
    expect(preview.margin.map((m) => m.free)).toEqual([BALANCE, BALANCE]);
    for (const [i, leg] of ticket.legs.entries()) {
      const book = await exchanges[leg.venue as (typeof VENUES)[number]].fetchOrderBook(leg.symbol, 500);
      expect(book.asks.length).toBeGreaterThan(50);
      const walk = walkBook((leg.side === 'buy' ? book.asks : book.bids) as Array<[number, number]>, 0.05);
      expect(preview.legs[i].averageFillPrice).toBeCloseTo(walk.averagePrice, 6);
      expect(preview.legs[i].slippageUsd).toBeCloseTo(walk.slippageQuote, 6);
    }
  });

  it("takes the maintenance rate from each venue's tiers: Binance's leverage bracket, Bybit's risk limit", async () => {
    const preview = await service.preview(btcTicket());
    for (const venue of ['binanceusdm', 'bybit'] as const) {
      const leg = preview.legs.find((l) => l.venue === venue)!;
      const instrument = sim.market.instruments(venue).find((i) => i.base === 'BTC')!;
      expect(leg.tiersFromVenue).toBe(true);
      // A small leg sits in the first tier, whose rate is the instrument's.
      expect(leg.maintenanceMarginRate).toBe(instrument.maintenanceMarginRate);
      expect(leg.liquidationPrice).toBeCloseTo(liquidationPrice(leg.side, leg.averageFillPrice!, 5, instrument.maintenanceMarginRate), 6);
    }
  });

  it('counts each leg\'s settlements to a 24 h exit along its own interval', async () => {
    const preview = await service.preview(btcTicket());
    for (const leg of preview.legs) {
      const quote = quotes.find((q) => q.venue === leg.venue && q.symbol === leg.symbol)!;
      expect(leg.settlementsToExit).toBe(Math.floor((START_TIME + 24 * 3_600_000 - quote.nextFundingTime!) / (quote.intervalHours * 3_600_000)) + 1);
    }
  });

  it('refuses a size beyond the 2 % rule and submits an entered size within it, with the checklist snapshot', async () => {
    await expect(service.submit(btcTicket({ ticketId: 'sim-big', quantity: 20, maxHoldingHours: 24 * 14 }))).rejects.toThrow(/refused, checklist failing: .*risk \(/);
    const preview = await service.preview(btcTicket({ maxHoldingHours: 24 * 30 }));
    const acks = { settlementTiming: true, negativeCarry: !(preview.netUsd >= 0) };
    const receipt = await service.submit(btcTicket({ ticketId: 'sim-ok', maxHoldingHours: 24 * 30, acknowledgements: acks }));
    expect(receipt.execution.status).toBe('hedged');
    expect(sent.map((intent) => intent.ticketId)).toEqual(['sim-ok']);
    expect(sent[0].legs.map((leg) => leg.quantity)).toEqual([0.05, 0.05]);
    expect(receipt.checklist.items).toHaveLength(14);
  });
});
