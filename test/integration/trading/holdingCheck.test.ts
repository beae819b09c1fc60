/**
 * The venue's answer is the truth, checked at run time (docs/units.md, "Checked at run time"):
 * through the ticket service, the real gateway and real brokers (paper, and live over ccxt)
 * against the simulator, a deliberately wrong conversion between the gateway and the Binance
 * broker is caught by the first read of the positions after the ticket: journalled, trading
 * REDUCING, the restore order offered where one can be, and when taken it leaves the venue within
 * one lot of approval. Healthy pairs (1000PEPE against OKX contracts, Gate's multiplier), a
 * partial fill, a close and the kill switch raise nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { TicketSchema } from '../../../shared/domain/ticket.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { restoreApproved } from '../../../electron/backend/trading/holdingRestore.ts';
import { foldJournal } from '../../../electron/backend/trading/ledgerFold.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { misconverting, type Misconversion } from './misconverting.ts';
import { flattenSimulatorAccounts, openUnitDesk, pairTicket, simulatorCoinPrice, simulatorHolds, type BrokerMode, type UnitDesk } from './unitDesk.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const VENUES: VenueId[] = ['binanceusdm', 'okx', 'gate'];
const BINANCE = { venue: 'binanceusdm' as const, symbol: '1000PEPE/USDT:USDT', id: '1000PEPEUSDT' };
const OKX = { venue: 'okx' as const, symbol: 'PEPE/USDT:USDT', id: 'PEPE-USDT-SWAP' };
const GATE_BTC = { venue: 'gate' as const, symbol: 'BTC/USDT:USDT', id: 'BTC_USDT' };
const BINANCE_BTC = { venue: 'binanceusdm' as const, symbol: 'BTC/USDT:USDT', id: 'BTCUSDT' };

let sim: Simulator;
let desk: UnitDesk | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 29, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 1_000_000 });
});

afterAll(async () => {
  await sim?.close();
});

/** Each test leaves the simulator's accounts flat for the next, whatever the terminal did. */
afterEach(async () => {
  await desk?.close();
  desk = undefined;
  sim.faults.clear();
  // Restore ids carry the time (docs/orders.md): the paused clock moves on, as time would between two restores.
  sim.clock.step(1_000);
  flattenSimulatorAccounts(sim, VENUES);
});

/** About `usd` a leg of PEPE, rounded down to OKX's lot (100,000,000 PEPE, about $340). */
function pepeTicket(ticketId: string, usd: number) {
  const asked = Math.round(usd / simulatorCoinPrice(sim, 'okx', OKX.id));
  return TicketSchema.parse(pairTicket(ticketId, 'PEPE', BINANCE, OKX, asked));
}

/** What Binance holds of 1000PEPE, in coins: the simulator's own account in Live, the paper account as opened in Paper. */
async function binanceHolds(d: UnitDesk): Promise<number> {
  if (d.mode === 'live') return simulatorHolds(sim, 'binanceusdm', BINANCE.id).coins;
  return (await d.brokers.get('binanceusdm')!.positions()).find((p) => p.symbol === BINANCE.symbol)?.size ?? 0;
}

const wrongOnBinance = (kind: Misconversion) => (broker: Broker) => (broker.venue === 'binanceusdm' ? misconverting(broker, BINANCE.symbol, 1000, kind) : broker);

/**
 * A desk with `kind` wrong on the Binance leg, and a PEPE pair opened through it: hedged by the
 * terminal's own view, the Binance venue holding 1000× the approved coins.
 */
async function openWrongPair(mode: BrokerMode, kind: Misconversion, ticketId: string): Promise<{ opened: UnitDesk; approved: number }> {
  const opened = await openUnitDesk(sim, VENUES, mode, wrongOnBinance(kind));
  const receipt = await opened.tickets.submit(pepeTicket(ticketId, 400));
  expect(receipt.execution.status).toBe('hedged');
  const approved = journalOf(opened.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;
  expect(await binanceHolds(opened)).toBeCloseTo(approved * 1000, 0);
  return { opened, approved };
}

describe.each<BrokerMode>(['paper', 'live'])('the run-time holdings check (%s)', (mode) => {
  it('a healthy 1000PEPE / OKX ctVal pair and a Gate multiplier pair raise nothing', async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
    expect((await desk.tickets.submit(pepeTicket(`ok-pepe-${mode}`, 685))).execution.status).toBe('hedged');
    const btc = TicketSchema.parse(pairTicket(`ok-gate-${mode}`, 'BTC', BINANCE_BTC, GATE_BTC, 0.0123));
    expect((await desk.tickets.submit(btc)).execution.status).toBe('hedged');
    const pairs = await desk.book.pairs();
    expect(pairs.map((p) => [p.pairId, p.status, p.mismatches])).toEqual([[`ok-pepe-${mode}`, 'open', []], [`ok-gate-${mode}`, 'open', []]]);
    // The check judges the positions a refresh reads: one positions request per venue in Live, none in Paper
    // (ccxt reads Binance's leverage brackets once, on its first positions call), and the spot
    // balances of Binance, OKX and Gate, where a spot leg would be held, and Binance's cross margin
    // and Gate's unified account, where a borrowed spot short would be (docs/orders.md, "Spot legs",
    // "Spot shorts"; the simulator's Gate key reads as classic to ccxt, so its spot wallet is read
    // apart: on a key ccxt reads as unified the spot read is the unified account's and serves both).
    const requests = sim.log.list().length;
    await desk.book.pairs();
    const made = sim.log.list().slice(requests).map((entry) => `${entry.venue} ${entry.method} ${entry.path}`);
    expect(made.sort()).toEqual(mode === 'live' ? ['binanceusdm GET /api/v3/account', 'binanceusdm GET /fapi/v3/positionRisk', 'binanceusdm GET /sapi/v1/margin/account', 'gate GET /api/v4/futures/usdt/positions', 'gate GET /api/v4/spot/accounts', 'gate GET /api/v4/unified/accounts', 'okx GET /api/v5/account/balance', 'okx GET /api/v5/account/positions'] : []);
    expect(desk.state.current.state).toBe('ACTIVE');
    expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toEqual([]);
  });

  it('a conversion wrong both ways (sent ×1000, read back ÷1000) is caught by the venue\'s own USD value in one refresh', async () => {
    // The terminal's own view agrees with itself: hedged, both legs the same coins.
    const { opened, approved } = await openWrongPair(mode, 'sent-and-read', `sym-${mode}`);
    desk = opened;

    const [pair] = await desk.book.pairs();
    expect(pair.legs.map((leg) => Math.abs(leg.size))).toEqual([approved, approved]);
    expect(pair.mismatches).toHaveLength(1);
    const [mismatch] = pair.mismatches;
    expect(mismatch).toMatchObject({ venue: 'binanceusdm', symbol: BINANCE.symbol, approvedCoins: approved, venueCoins: approved, restore: { side: 'sell' } });
    expect(mismatch.venueUsd! / mismatch.approvedUsd!).toBeCloseTo(1000, 0);
    expect(mismatch.reason).toMatch(/venue values the position at \$[\d.]+, the approved long [\d.]+ PEPE is \$[\d.]+ at the venue's mark/);
    // The venue's value is the truth: the share of the position above it, of the coins the terminal reads.
    const lot = desk.brokers.get('binanceusdm')!.lot(BINANCE.symbol).step!;
    expect(Math.abs(mismatch.restore!.quantity - approved * (1 - mismatch.approvedUsd! / mismatch.venueUsd!))).toBeLessThanOrEqual(lot);
    expect(mismatch.restoreNote).toMatch(/reduce-only sell of 99\.9\d % of the position .* conversion of this market is wrong/);
    expect(desk.state.current.state).toBe('REDUCING');
    expect(desk.alerts.some((a) => a.startsWith('MISMATCH: binanceusdm 1000PEPE/USDT:USDT'))).toBe(true);
    // Journalled: a restart folds it back.
    const entries = journalOf(desk.store).ledger.entries();
    expect(entries.filter((e) => e.kind === 'mismatch')).toHaveLength(1);
    expect([...foldJournal(entries).mismatches.values()]).toMatchObject([{ venue: 'binanceusdm', restore: { side: 'sell' } }]);
    expect(entries.find((e) => e.kind === 'trading-state')?.data).toMatchObject({ state: 'REDUCING' });
    // A second refresh journals nothing new.
    await desk.book.pairs();
    expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toHaveLength(1);

    // The restore goes through the same wrong conversion, so it takes the right share: the venue
    // holds the approved coins again (its value is the approved one); the terminal, reading them
    // through its wrong conversion, now sees a thousandth and keeps the MISMATCH up, without an order.
    const result = await restoreApproved({ journal: journalOf(desk.store), gateway: desk.gateway, watch: desk.watch, now: () => sim.clock.now() }, { pairId: pair.pairId, venue: 'binanceusdm', symbol: BINANCE.symbol });
    expect(result).toMatchObject({ sent: true, resolved: false });
    expect(result.message).toMatch(/the venue holds long [\d.]+ PEPE, the journal approved long/);
    expect(Math.abs((await binanceHolds(desk)) - approved)).toBeLessThanOrEqual(lot * 1000);
    const [after] = (await desk.book.pairs())[0].mismatches;
    expect(after).toMatchObject({ restore: null });
    expect(after.venueUsd! / after.approvedUsd!).toBeCloseTo(1, 1);
    expect(desk.state.current.state).toBe('REDUCING');
  });

  it('a base multiplier wrong in the amount and the price per coin passes each leg\'s check and is caught across the pair\'s two legs', async () => {
    desk = (await openWrongPair(mode, 'multiplier', `mult-${mode}`)).opened;

    const [pair] = await desk.book.pairs();
    // Each leg on its own agrees with the journal in coins and in the venue's value: only the other leg tells.
    expect(pair.mismatches.map((m) => [m.venue, m.across?.venue, m.restore])).toEqual([['binanceusdm', 'okx', null], ['okx', 'binanceusdm', null]]);
    const [binance, okx] = pair.mismatches;
    expect(binance.venueUsd! / okx.venueUsd!).toBeCloseTo(1000, -1);
    expect(binance.reason).toMatch(/binanceusdm 1000PEPE\/USDT:USDT: the venue values pair mult-\w+'s leg at \$[\d.]+, okx PEPE\/USDT:USDT values the other leg at \$[\d.]+ .*the legs do not hold the same asset/);
    expect(binance.restoreNote).toMatch(/no order is offered/);
    expect(desk.state.current.state).toBe('REDUCING');
    // A read of one venue alone cannot judge across the pair, and does not clear it.
    await desk.watch.read(['binanceusdm']);
    expect(journalOf(desk.store).ledger.mismatches().size).toBe(2);
    await desk.book.pairs();
    expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toHaveLength(2);
    expect(journalOf(desk.store).ledger.entries().filter((e) => e.kind === 'mismatch-resolved')).toHaveLength(0);
  });

  it('a venue holding 1000× what the journal knows: caught, and the restore order brings it back within one lot', async () => {
    desk = await openUnitDesk(sim, VENUES, mode, wrongOnBinance('sent'));
    const receipt = await desk.tickets.submit(pepeTicket(`asym-${mode}`, 400));
    expect(receipt.execution.status).toBe('hedged');
    const approved = journalOf(desk.store).ledger.pair(receipt.ticketId)!.legs[0].quantity;

    const [pair] = await desk.book.pairs();
    const [mismatch] = pair.mismatches;
    expect(mismatch).toMatchObject({ venue: 'binanceusdm', approvedCoins: approved, restore: { side: 'sell' } });
    expect(mismatch.venueCoins).toBeCloseTo(approved * 1000, 0);
    expect(mismatch.restore!.quantity).toBeCloseTo(approved * 999, 0);
    expect(desk.state.current.state).toBe('REDUCING');

    const result = await restoreApproved({ journal: journalOf(desk.store), gateway: desk.gateway, watch: desk.watch, now: () => sim.clock.now() }, { pairId: pair.pairId, venue: 'binanceusdm', symbol: BINANCE.symbol });
    expect(result).toMatchObject({ sent: true, resolved: true });
    const lot = desk.brokers.get('binanceusdm')!.lot(BINANCE.symbol).step!;
    expect(Math.abs((await binanceHolds(desk)) - approved)).toBeLessThanOrEqual(lot);
    const kinds = journalOf(desk.store).ledger.entries().map((e) => e.kind);
    expect(kinds.filter((k) => k === 'mismatch' || k === 'mismatch-resolved')).toEqual(['mismatch', 'mismatch-resolved']);
    // The restore went under no pair: the pair still holds what it approved, and is clean.
    const [after] = await desk.book.pairs();
    expect(after.mismatches).toEqual([]);
    expect(after.legs.map((leg) => leg.size)).toEqual([approved, -approved]);
    // Resolving never loosens trading: it stays REDUCING until re-armed by hand.
    expect(desk.state.current.state).toBe('REDUCING');
  });

  it('after a close and after the kill switch: nothing raised', async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
    const d = desk;
    expect((await d.tickets.submit(pepeTicket(`close-${mode}`, 800))).execution.status).toBe('hedged');
    expect((await d.tickets.submit(pepeTicket(`kill-${mode}`, 400))).execution.status).toBe('hedged');
    const closer = createPairCloser({ pairs: () => d.book.pairs(), gateway: d.gateway, journal: journalOf(d.store) });
    expect((await closer.close(`close-${mode}`)).flat).toBe(true);
    expect((await d.book.pairs()).flatMap((p) => p.mismatches)).toEqual([]);
    const report = await engageKillSwitch({
      state: d.state, now: () => sim.clock.now(), deadlineMs: 5_000,
      targets: () => createFlatteners(['binanceusdm', 'okx'].map((v) => d.brokers.get(v as VenueId)!), d.gateway, journalOf(d.store), () => sim.clock.now()).map(reachableTarget),
    }, 'test: kill switch');
    expect(report.venues.every((v) => v.flat)).toBe(true);
    expect((await d.book.pairs()).flatMap((p) => p.mismatches)).toEqual([]);
    expect(journalOf(d.store).ledger.entries().filter((e) => e.kind === 'mismatch')).toEqual([]);
    expect(d.state.current.state).toBe('HALTED');
  });
});

describe('after a partial first fill (live)', () => {
  it('the second leg sized to the fill holds what the journal says: nothing raised', async () => {
    desk = await openUnitDesk(sim, VENUES, 'live');
    sim.faults.inject({ venue: 'okx', kind: 'partial', fraction: 0.5, path: '/api/v5/trade/', method: 'POST', times: 1 });
    const ticket = TicketSchema.parse(pairTicket('partial', 'PEPE', OKX, BINANCE, Math.round(800 / simulatorCoinPrice(sim, 'okx', OKX.id))));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const [pair] = await desk.book.pairs();
    expect(Math.abs(pair.legs[0].size)).toBeLessThan(journalOf(desk.store).ledger.pair('partial')!.legs[0].quantity);
    expect(pair.mismatches).toEqual([]);
    expect(desk.state.current.state).toBe('ACTIVE');
  });
});
