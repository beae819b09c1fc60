/**
 * The ticket's maximum slippage on the simulator (docs/orders.md, "Maximum slippage"), through
 * the ticket service, the gateway and paper or live brokers over ccxt's real HTTP code. A leg
 * whose walk of main's own fresh book at size reaches beyond the max is refused in words with
 * nothing journalled or sent; a Bitget spot buy above Bitget's 5 % band likewise. In Live a
 * Bitget spot buy goes out as an IOC limit at the best ask × (1 + max), and a Hyperliquid leg
 * with ccxt's `slippage` at the max: its IOC limit is the best ask × (1 + max).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema, type TicketInput } from '../../../shared/domain/ticket.ts';
import { TicketRefusedError } from '../../../electron/backend/trading/ticketErrors.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { addWalletAccounts, credentialsFor } from './harness.ts';
import { carryTicket, openUnitDesk, pairTicket, type BrokerMode, type UnitDesk } from './unitDesk.ts';

const VENUES: VenueId[] = ['bybit', 'bitget', 'hyperliquid'];
const ORDER_PATHS = ['/v5/order/create', '/api/v2/mix/order/place-order', '/api/v2/spot/trade/place-order', '/exchange'];

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 31, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 100_000 });
  addWalletAccounts(sim, VENUES);
});

afterAll(async () => {
  await sim?.close();
});

const ordersSent = () => ORDER_PATHS.reduce((count, path) => count + sim.log.list({ path }).filter((e) => e.method === 'POST' && e.path === path).length, 0);

/** $20,000 of XRP long on Bybit, short on Bitget: its books walk a few levels at that size (cross: Bybit's unified account holds every symbol so). */
function xrpPair(desk: UnitDesk, ticketId: string, maxSlippagePct: number): TicketInput {
  const mark = desk.quotes().find((q) => q.venue === 'bybit' && q.base === 'XRP')!.markPrice!;
  return { ...pairTicket(ticketId, 'XRP', { venue: 'bybit', symbol: 'XRP/USDT:USDT' }, { venue: 'bitget', symbol: 'XRP/USDT:USDT' }, Math.round(20_000 / mark)), maxSlippagePct, marginMode: 'cross' };
}

const bitgetCarry = (ticketId: string, maxSlippagePct: number): TicketInput => ({
  ...carryTicket(ticketId, 'BTC', { venue: 'bitget', symbol: 'BTC/USDT:USDT', side: 'sell' }, { venue: 'bitget', symbol: 'BTC/USDT', side: 'buy' }, 0.02), maxSlippagePct,
});

async function refusal(desk: UnitDesk, ticket: TicketInput): Promise<TicketRefusedError> {
  const error = await desk.tickets.submit(TicketSchema.parse(ticket)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TicketRefusedError);
  return error as TicketRefusedError;
}

describe.each<BrokerMode>(['paper', 'live'])('maximum slippage (%s)', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('a leg whose book at size reaches beyond the max is refused in words at submit, on main\'s own books, with nothing journalled or sent; a wider max sends it', async () => {
    const wide = await desk.tickets.preview(TicketSchema.parse(xrpPair(desk, `xrp-wide-${mode}`, 0.005)));
    const farthest = Math.max(...wide.legs.map((leg) => leg.farthestFillPct!));
    // The walk goes several levels deep (the simulator's levels are 0.01 % apart).
    expect(farthest).toBeGreaterThan(0.0002);
    expect(farthest).toBeLessThan(0.005);
    const before = ordersSent();
    const tight = xrpPair(desk, `xrp-tight-${mode}`, 0.0002);
    const refused = await refusal(desk, tight);
    expect(refused.refusal.failing.map((item) => item.id)).toEqual(['slippage']);
    expect(refused.message).toMatch(/slippage \(XRP\/USDT:USDT on (bybit|bitget) \d\.\d{3} % average, \d\.\d{3} % at the farthest level beyond the best price at \d+, above the max of 0\.02 %: lower the quantity or raise the max slippage/);
    expect(ordersSent()).toBe(before);
    expect(journalOf(desk.store).ledger.pair(tight.ticketId)).toBeUndefined();

    const receipt = await desk.tickets.submit(TicketSchema.parse(xrpPair(desk, `xrp-sent-${mode}`, 0.005)));
    expect(receipt.execution.status).toBe('hedged');
    expect(receipt.checklist.items.find((item) => item.id === 'slippage')!.status).toBe('pass');
  });

  it('a Bitget spot buy with a max above Bitget\'s 5 % band on spot limit prices is refused in words, nothing sent', async () => {
    const before = ordersSent();
    const refused = await refusal(desk, bitgetCarry(`band-${mode}`, 0.06));
    expect(refused.refusal.failing.map((item) => item.id)).toEqual(['slippage']);
    expect(refused.message).toContain("BTC/USDT: a max slippage of 6 % is above Bitget's 5 % band on spot limit prices, and a spot buy there goes out as a limit at the best ask plus the max: set 5 % or less");
    expect(ordersSent()).toBe(before);
  });

  it.runIf(mode === 'live')('a Bitget spot buy goes out as an IOC limit at the best ask × (1 + the ticket\'s max), not the old fixed 2 %', async () => {
    const ticket = TicketSchema.parse(bitgetCarry('bitget-bound', 0.007));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const spotLeg = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.find((o) => o.symbol === 'BTC/USDT')!;
    const placed = sim.spot.order('bitget', credentialsFor('bitget').apiKey, { clientOrderId: spotLeg.clientOrderId })!;
    const bestAsk = (await desk.brokers.get('bitget')!.orderBook('BTC/USDT', 5)).asks[0][0];
    const tick = sim.spot.pairOf('bitget', 'BTC')!.tickSize;
    expect(placed).toMatchObject({ type: 'limit', timeInForce: 'ioc' });
    expect(Math.abs(placed.price! - bestAsk * 1.007)).toBeLessThanOrEqual(tick);
  });

  it.runIf(mode === 'live')('a Hyperliquid leg goes with ccxt\'s slippage at the ticket\'s max: its IOC limit is the best ask × (1 + max), not ccxt\'s 5 %', async () => {
    const ticket = TicketSchema.parse({ ...pairTicket('hl-bound', 'BTC', { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC' }, { venue: 'bybit', symbol: 'BTC/USDT:USDT' }, 0.02), maxSlippagePct: 0.003, marginMode: 'cross' });
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const bestAsk = (await desk.brokers.get('hyperliquid')!.orderBook('BTC/USDC:USDC', 5)).asks[0][0];
    const placed = sim.accounts.orders('hyperliquid', credentialsFor('hyperliquid').apiKey).at(-1)!;
    expect(placed.side).toBe('buy');
    // Hyperliquid prices carry five significant figures: ccxt rounds the bound to them.
    expect(Math.abs(placed.price! - bestAsk * 1.003)).toBeLessThanOrEqual(bestAsk * 1.003 * 1e-5);
  });
});
