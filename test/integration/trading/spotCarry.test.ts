/**
 * Perp/spot carries whose spot leg is spot (docs/orders.md, "Spot legs"): through the ticket
 * service, the gateway and paper or live brokers over ccxt against the simulator. A Binance
 * carry sends its spot buy to Binance's spot API (`/api/v3/order`), not to the perp; a Bybit
 * spot × OKX perp carry spans two venues. What each venue holds afterwards is read from the
 * simulator's own accounts (Live) or the paper account priced by the simulator (Paper), in
 * coins and in USD. A close and the kill switch sell the spot leg back; a spot short is refused
 * in words before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema, type TicketInput } from '../../../shared/domain/ticket.ts';
import { createPositionBook } from '../../../electron/backend/trading/positions.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import { createFlatteners } from '../../../electron/backend/trading/flatteners.ts';
import { engageKillSwitch, reachableTarget } from '../../../electron/backend/trading/killSwitch.ts';
import { credentialsFor } from './harness.ts';
import { openUnitDesk, simulatorHolds, type BrokerMode, type UnitDesk } from './unitDesk.ts';

const VENUES: VenueId[] = ['binanceusdm', 'bybit', 'okx'];
const BTC_PERP = 'BTC/USDT:USDT';
const BTC_SPOT = 'BTC/USDT';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 29, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 100_000 });
});

afterAll(async () => {
  await sim?.close();
});

function carryTicket(ticketId: string, perp: { venue: VenueId; side: 'buy' | 'sell' }, spot: { venue: VenueId; side: 'buy' | 'sell' }, quantity: number): TicketInput {
  return {
    ticketId, kind: 'perp-spot', base: 'BTC',
    legs: [{ venue: perp.venue, symbol: BTC_PERP, side: perp.side, instrument: 'perp' }, { venue: spot.venue, symbol: BTC_SPOT, side: spot.side, instrument: 'spot' }],
    quantity, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: -1, maxHoldingHours: 72,
    acknowledgements: { settlementTiming: true, negativeCarry: true }, override: 'spot test: the carry does not matter here',
  };
}

const spotPair = (venue: VenueId) => sim.spot.instrument(venue, 'BTCUSDT')!;
const apiKey = (venue: VenueId) => credentialsFor(venue).apiKey;
const requests = (path: string, method = 'POST') => sim.log.list({ path }).filter((entry) => entry.method === method && entry.path === path).length;

/** BTC held on the venue's spot account: the simulator's wallet (Live) or the paper account (Paper). */
async function spotHeld(desk: UnitDesk, venue: VenueId): Promise<number> {
  if (desk.mode === 'live') return sim.spot.balances(venue, apiKey(venue)).find((b) => b.coin === 'BTC')?.free ?? 0;
  return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === BTC_SPOT)?.size ?? 0;
}

async function perpHeld(desk: UnitDesk, venue: VenueId, id: string): Promise<number> {
  if (desk.mode === 'live') return simulatorHolds(sim, venue, id).coins;
  return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === BTC_PERP)?.size ?? 0;
}

/** One lot of the perp leg in coins: what a hedge within one lot may differ by. */
function perpLot(venue: VenueId, id: string): number {
  const listing = sim.market.listing(venue, id);
  return listing.instrument.stepSize * listing.instrument.contractSize * listing.priceScale;
}

function pairTools(desk: UnitDesk) {
  const brokers = (venue: VenueId) => desk.brokers.get(venue)!;
  const book = createPositionBook({ journal: desk.store.journal, brokers, quotes: desk.quotes });
  return { book, closer: createPairCloser({ pairs: () => book.pairs(), gateway: desk.gateway, journal: desk.store.journal }) };
}

describe.each<BrokerMode>(['paper', 'live'])('spot legs that are spot (%s)', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('a Binance carry buys spot on /api/v3/order and shorts the perp once; both hold the approved BTC within one lot, in coins and USD; a close sells the spot back', async () => {
    const before = { spot: requests('/api/v3/order'), perp: requests('/fapi/v1/order') };
    const perpBefore = await perpHeld(desk, 'binanceusdm', 'BTCUSDT');
    const ticket = TicketSchema.parse(carryTicket(`carry-bn-${mode}`, { venue: 'binanceusdm', side: 'sell' }, { venue: 'binanceusdm', side: 'buy' }, 0.05));
    const preview = await desk.tickets.preview(ticket);
    expect(preview.legs.map((leg) => [leg.instrument, leg.lotStep])).toEqual([['perp', perpLot('binanceusdm', 'BTCUSDT')], ['spot', spotPair('binanceusdm').stepSize]]);
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');

    const spotPrice = sim.spot.price(spotPair('binanceusdm'));
    const lot = perpLot('binanceusdm', 'BTCUSDT');
    const spot = await spotHeld(desk, 'binanceusdm');
    const perp = (await perpHeld(desk, 'binanceusdm', 'BTCUSDT')) - perpBefore;
    expect(Math.abs(spot - preview.quantity)).toBeLessThan(lot);
    expect(Math.abs(perp + preview.quantity)).toBeLessThan(lot);
    expect(Math.abs(spot * spotPrice - preview.notionalUsd)).toBeLessThan(lot * spotPrice);
    if (mode === 'live') {
      // The spot buy went to the spot API; the perp got exactly its own leg (a short), nothing more.
      expect(requests('/api/v3/order') - before.spot).toBe(1);
      expect(requests('/fapi/v1/order') - before.perp).toBe(1);
    } else {
      expect([requests('/api/v3/order') - before.spot, requests('/fapi/v1/order') - before.perp]).toEqual([0, 0]);
    }

    const { book, closer } = pairTools(desk);
    const [pair] = (await book.pairs()).filter((p) => p.pairId === ticket.ticketId);
    expect(pair.legs.map((leg) => Math.sign(leg.size))).toEqual([-1, 1]);
    const closed = await closer.close(ticket.ticketId, 'spot test');
    expect(closed).toMatchObject({ flat: true, result: { status: 'hedged' } });
    expect(await spotHeld(desk, 'binanceusdm')).toBeCloseTo(0, 9);
    expect(await perpHeld(desk, 'binanceusdm', 'BTCUSDT')).toBeCloseTo(perpBefore, 9);
  });

  it('a Bybit spot × OKX perp carry holds the approved BTC on both venues; the kill switch sells the spot leg and leaves coins bought outside the terminal', async () => {
    // Coins the trader bought at Bybit by hand: not the terminal's to sell.
    const own = mode === 'live' ? sim.spot.placeOrder('bybit', apiKey('bybit'), { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.002 }).filled * (1 - 0.001) : 0;
    const ticket = TicketSchema.parse(carryTicket(`carry-x-${mode}`, { venue: 'okx', side: 'sell' }, { venue: 'bybit', side: 'buy' }, 0.04));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const lot = perpLot('okx', 'BTC-USDT-SWAP');
    const quantity = receipt.checklist.preview.quantity;
    expect(Math.abs((await spotHeld(desk, 'bybit')) - own - quantity)).toBeLessThan(lot);
    expect(Math.abs((await perpHeld(desk, 'okx', 'BTC-USDT-SWAP')) + quantity)).toBeLessThan(lot);

    const flatteners = createFlatteners([...desk.brokers.values()], desk.gateway, desk.store.journal, () => sim.clock.now());
    const report = await engageKillSwitch({ state: desk.state, targets: () => flatteners.map(reachableTarget), now: () => sim.clock.now(), deadlineMs: 20_000 }, 'spot test');
    expect(report.venues.map((v) => [v.venue, v.flat])).toEqual(VENUES.map((v) => [v, true]));
    expect(await spotHeld(desk, 'bybit')).toBeCloseTo(own, 9);
    expect(await perpHeld(desk, 'okx', 'BTC-USDT-SWAP')).toBeCloseTo(0, 9);
    await desk.state.transition('ACTIVE', 'spot test re-armed', sim.clock.now());
  });

  it('a spot short is refused in words before anything is sent, on a venue with spot and one without', async () => {
    const sent = () => requests('/api/v3/order') + requests('/v5/order/create') + requests('/api/v5/trade/batch-orders') + requests('/fapi/v1/order');
    const before = { sent: sent(), journal: desk.store.journal.ledger.entries().length };
    const short = TicketSchema.parse(carryTicket(`carry-short-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'bybit', side: 'sell' }, 0.04));
    await expect(desk.tickets.submit(short)).rejects.toThrow(/spot short on Bybit needs a margin borrow, which this terminal does not do on Bybit yet; nothing was sent/);
    const okxSpot = TicketSchema.parse(carryTicket(`carry-okx-${mode}`, { venue: 'bybit', side: 'sell' }, { venue: 'okx', side: 'buy' }, 0.04));
    await expect(desk.tickets.preview(okxSpot)).rejects.toThrow(/BTC\/USDT on OKX is a spot leg: the terminal does not trade OKX's spot market yet/);
    expect(sent()).toBe(before.sent);
    expect(desk.store.journal.ledger.entries().length).toBe(before.journal);
  });
});
