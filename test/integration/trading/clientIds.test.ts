/**
 * Client order ids against the simulator, which refuses what each venue documents it refuses:
 * every id the terminal makes is taken by every venue, and one breaking a venue's rule is
 * refused there (or by ccxt first, for Gate) with nothing placed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../electron/simulator/server.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { killSwitchOrderId, ticketOrderId } from '../../../electron/backend/trading/clientOrderIds.ts';
import { type VenueId } from '../../../shared/domain/venues.ts';
import { TRADED_VENUE_IDS, type TradedVenueId } from '../../fixtures/tradedVenues.ts';
import { credentialsFor, liveBrokers, startTradingSimulator } from './harness.ts';

/** One id per venue that breaks its documented rule (too long, or outside its alphabet). */
const BROKEN: Record<TradedVenueId, string> = {
  binanceusdm: `ft${'a'.repeat(35)}`, bybit: 'ft with space', okx: 'ft-dash', bitget: `ft${'a'.repeat(49)}`,
  gate: `ks${'0'.repeat(30)}`, hyperliquid: `0x${'a'.repeat(31)}`, aster: `ft${'a'.repeat(35)}`, kucoinfutures: `ft${'a'.repeat(39)}`,
  bingx: `ft${'a'.repeat(39)}`,
};

let sim: Simulator;
let brokers: Map<VenueId, Broker>;
const symbolOf = (venue: VenueId) => (venue === 'hyperliquid' ? 'BTC/USDC:USDC' : 'BTC/USDT:USDT');

beforeAll(async () => {
  sim = await startTradingSimulator(20, TRADED_VENUE_IDS, 29);
  brokers = await liveBrokers(sim, 2_000, TRADED_VENUE_IDS);
});

afterAll(async () => {
  for (const broker of brokers.values()) await broker.close();
  await sim.close();
});

describe('client order ids at each venue', () => {
  for (const venue of TRADED_VENUE_IDS) {
    it(`${venue} takes the terminal's ticket and kill-switch ids and refuses ${BROKEN[venue]}`, async () => {
      const broker = brokers.get(venue)!;
      const send = (clientOrderId: string, side: 'buy' | 'sell', reduceOnly: boolean) =>
        broker.createOrder({ symbol: symbolOf(venue), side, type: 'market', quantity: 0.01, reduceOnly, clientOrderId });
      const orders = () => sim.accounts.orders(venue, credentialsFor(venue).apiKey).length;
      const opened = await send(ticketOrderId(venue, `id-${venue}`, 0, 'open'), 'buy', false);
      expect(opened.filled).toBeCloseTo(0.01, 12);
      const before = orders();
      await expect(send(BROKEN[venue], 'sell', true)).rejects.toThrow();
      expect(orders()).toBe(before);
      const closed = await send(killSwitchOrderId(venue, symbolOf(venue), null, 1, sim.clock.now()), 'sell', true);
      expect(closed.filled).toBeCloseTo(0.01, 12);
    });
  }
});
