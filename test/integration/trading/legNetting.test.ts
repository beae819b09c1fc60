/**
 * One position per venue symbol (docs/orders.md): through the ticket service, the real gateway
 * and real brokers (paper, and live over ccxt) against the simulator, a ticket whose leg is on the
 * other side of a live pair's leg on the same venue symbol is refused in words before anything is
 * sent; a leg on the same side is taken, and once the first pair is closed the opposite leg is too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { flattenSimulatorAccounts, openUnitDesk, pairTicket, type BrokerMode, type UnitDesk } from './unitDesk.ts';

const VENUES: VenueId[] = ['binanceusdm', 'okx', 'gate'];
const BINANCE = { venue: 'binanceusdm' as const, symbol: 'BTC/USDT:USDT' };
const OKX = { venue: 'okx' as const, symbol: 'BTC/USDT:USDT' };
const GATE = { venue: 'gate' as const, symbol: 'BTC/USDT:USDT' };

let sim: Simulator;
let desk: UnitDesk | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 1_000_000 });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(async () => {
  await desk?.close();
  desk = undefined;
  sim.clock.step(1_000);
  flattenSimulatorAccounts(sim, VENUES);
});

const ticket = (id: string, long: typeof BINANCE | typeof OKX | typeof GATE, short: typeof BINANCE | typeof OKX | typeof GATE) =>
  TicketSchema.parse(pairTicket(id, 'BTC', long, short, 0.012));

describe.each<BrokerMode>(['paper', 'live'])('legs that would net a live pair away (%s)', (mode) => {
  it('an opposite leg on a held venue symbol is refused before anything is sent; a same-side leg is taken', async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
    expect((await desk.tickets.submit(ticket(`held-${mode}`, BINANCE, GATE))).execution.status).toBe('hedged');
    const orders = () => sim.log.list().filter((entry) => entry.method === 'POST' || entry.method === 'DELETE').length;
    const before = orders();
    await expect(desk.tickets.submit(ticket(`opposite-${mode}`, GATE, OKX)))
      .rejects.toThrow(`Gate BTC/USDT:USDT is held short by pair held-${mode}; a long leg there would net it away`);
    expect(orders()).toBe(before);
    expect(journalOf(desk.store).ledger.pair(`opposite-${mode}`)).toBeUndefined();
    // Long Binance again beside the held long: the position adds, each pair closes its own part.
    expect((await desk.tickets.submit(ticket(`same-side-${mode}`, BINANCE, OKX))).execution.status).toBe('hedged');
  });

  it('once the held pair is closed, the opposite leg is taken', async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
    const d = desk;
    expect((await d.tickets.submit(ticket(`first-${mode}`, BINANCE, GATE))).execution.status).toBe('hedged');
    const closer = createPairCloser({ pairs: () => d.book.pairs(), gateway: d.gateway, journal: journalOf(d.store) });
    expect((await closer.close(`first-${mode}`)).flat).toBe(true);
    expect((await d.tickets.submit(ticket(`after-${mode}`, GATE, BINANCE))).execution.status).toBe('hedged');
  });
});
