/**
 * A pair holds what its preview approved, in coins of the asset and in USD, on venues that
 * count the asset differently (docs/units.md): Binance's `1000PEPE` (one unit is 1000 PEPE,
 * priced per 1000) against OKX's PEPE contracts (`ctVal` PEPE each, priced per PEPE). Through
 * the ticket service and the gateway, with paper and live brokers over ccxt against the
 * simulator, whose accounts are read by its own definitions, not the terminal's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import { deskHolds, openUnitDesk, pairTicket, simulatorCoinPrice, type BrokerMode, type UnitDesk } from './unitDesk.ts';

const VENUES: VenueId[] = ['binanceusdm', 'okx'];
const BINANCE = { venue: 'binanceusdm' as const, symbol: '1000PEPE/USDT:USDT', id: '1000PEPEUSDT' };
const OKX = { venue: 'okx' as const, symbol: 'PEPE/USDT:USDT', id: 'PEPE-USDT-SWAP' };

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 23, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 100_000 });
});

afterAll(async () => {
  await sim?.close();
});

/** What the venue holds of a leg, with the USD the broker reports for it. */
async function holds(desk: UnitDesk, leg: { venue: VenueId; symbol: string; id: string }): Promise<{ coins: number; usd: number; reportedUsd: number }> {
  const reported = (await desk.brokers.get(leg.venue)!.positions()).find((p) => p.symbol === leg.symbol);
  return { ...(await deskHolds(sim, desk, leg)), reportedUsd: reported ? reported.size * reported.markPrice : 0 };
}

describe.each<BrokerMode>(['paper', 'live'])('a PEPE pair, Binance 1000PEPE long against OKX PEPE contracts short (%s)', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('previewed at about $685 a leg, opens about $685 a leg on both venues, not 1000 times that on Binance', async () => {
    const coinPrice = simulatorCoinPrice(sim, 'okx', OKX.id);
    const asked = Math.round(685 / coinPrice);
    const ticket = TicketSchema.parse(pairTicket(`pepe-${mode}`, 'PEPE', BINANCE, OKX, asked));
    const preview = await desk.tickets.preview(ticket);
    const okxLot = sim.market.listing('okx', OKX.id).instrument.contractSize;
    expect(preview.quantity).toBe(Math.floor(asked / okxLot) * okxLot);
    expect(preview.notionalUsd).toBeCloseTo(preview.quantity * coinPrice, -1);
    expect(preview.legs.map((leg) => [leg.venue, leg.venueAmount, leg.coinsPerAmount])).toEqual([
      ['binanceusdm', preview.quantity / 1000, 1000],
      ['okx', preview.quantity / okxLot, okxLot],
    ]);

    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const long = await holds(desk, BINANCE);
    const short = await holds(desk, OKX);
    expect(long.coins).toBeCloseTo(preview.quantity, 6);
    expect(short.coins).toBeCloseTo(-preview.quantity, 6);
    for (const [held, sign] of [[long, 1], [short, -1]] as const) {
      expect(held.usd * sign).toBeGreaterThan(preview.notionalUsd * 0.99);
      expect(held.usd * sign).toBeLessThan(preview.notionalUsd * 1.01);
      expect(held.reportedUsd).toBeCloseTo(held.usd, 0);
    }
  });
});

