/**
 * The trading desk as the renderer drives it: every call goes through `dispatch` on a backend
 * built by `createBackend` in Demo mode (paper brokers filling against the in-process
 * simulator's books through ccxt, real DuckDB in a temp folder, the real engine worker), with
 * the simulator's clock paused so settlements are stepped. Every output is checked against
 * its contract schema and searched for the vault's secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../../electron/backend/backend.ts';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { dispatch } from '../../../shared/ipc/dispatch.ts';
import type { TicketInput } from '../../../shared/domain/ticket.ts';
import { defaultMaintenanceRate } from '../../../shared/risk/liquidation.ts';
import { deskDriver, startDemoBackend } from './deskDriver.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

const VENUES = ['binanceusdm', 'bybit'] as const;
const SECRET = 'desk-live-SECRET-9f3a77';
const dataDir = mkdtempSync(join(tmpdir(), 'desk-'));
const seen: string[] = [];
let backend: Backend;

function start(): Promise<Backend> {
  return startDemoBackend(dataDir, VENUES, seen);
}

const driver = deskDriver(() => backend, VENUES, () => backend.demo!.simulator.clock.now(), seen);
const call = driver.call;
/** The driver's BTC ticket, isolated as a ticket is by default (the driver's is cross). */
const btcTicket = (ticketId: string, overrides: Partial<TicketInput> = {}) => driver.btcTicket(ticketId, { marginMode: 'isolated', ...overrides });

beforeAll(async () => {
  backend = await start();
  backend.demo!.simulator.credentials.add({ venue: 'bybit', apiKey: 'desk-live-key-1', secret: SECRET });
  await call('vault.unlock', { passphrase: 'correct horse battery staple' });
  await call('vault.setKey', { venue: 'bybit', label: 'main', apiKey: 'desk-live-key-1', secret: SECRET });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the trading desk over dispatch, Demo mode against the simulator', () => {
  it('refuses a ticket whose checklist fails, naming the failing items', async () => {
    const result = await dispatch(backend.handlers, 'ticket.submit', await btcTicket('desk-refused', { leverage: 50 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/refused, checklist failing: .*leverage/);
    expect(await call('positions.list')).toEqual([]);
  }, 60_000);

  it('takes a pair from preview (each venue\'s own tiers) to close: funding accrues across a settlement, the journal and the win rate count it', async () => {
    const ticket = await btcTicket('desk-life');
    const preview = await call('ticket.preview', ticket);
    expect(preview.checklist.filter((item) => item.status === 'fail')).toEqual([]);
    // Both legs are priced at the venue's first tier: Binance's leverage bracket (read with
    // Demo's built-in account), Bybit's public risk limit.
    for (const venue of ['binanceusdm', 'bybit'] as const) {
      const firstTier = backend.demo!.simulator.market.instrument(venue, 'BTCUSDT')!.maintenanceMarginRate;
      expect(preview.legs.find((leg) => leg.venue === venue)).toMatchObject({ tiersFromVenue: true, maintenanceMarginRate: firstTier });
      expect(firstTier).not.toBe(defaultMaintenanceRate('BTC'));
    }
    const receipt = await call('ticket.submit', ticket);
    expect(receipt.execution.status).toBe('hedged');

    const [opened] = await call('positions.list');
    expect(opened).toMatchObject({ pairId: 'desk-life', status: 'open', deltaDrift: 0 });
    expect(opened.legs.map((leg) => leg.size).sort()).toEqual([-0.05, 0.05]);
    // The next preview counts the pair just opened in the exposure, with nothing to prepare first.
    const held = Math.max(...opened.legs.map((leg) => Math.abs(leg.size) * leg.markPrice));
    expect((await call('ticket.preview', await btcTicket('desk-next'))).exposure.currentUsd).toBeCloseTo(held, -1);
    expect(opened.legs.every((leg) => leg.fundingPnl === 0 && leg.nextFundingTime !== null)).toBe(true);
    // Every leg shows where it liquidates, paper included: the preview's figure, at the ticket's leverage.
    for (const leg of opened.legs) {
      const previewed = preview.legs.find((p) => p.venue === leg.venue)!;
      expect(leg.liquidationPrice).toBeCloseTo(previewed.liquidationPrice!, 0);
      expect(leg.liquidationDistancePct).toBeGreaterThan(0);
    }

    const clock = backend.demo!.simulator.clock;
    clock.advanceTo(Math.min(...opened.legs.map((leg) => leg.nextFundingTime!)) + 1_000);
    const [accrued] = await call('positions.list');
    expect(accrued.legs.filter((leg) => leg.fundingPnl !== 0).length).toBeGreaterThan(0);
    // The portfolio bar's figures: the legs' margin in use on both venues, the settlement's funding today and this week, the pair's net as open PnL.
    const portfolio = await call('portfolio.summary');
    expect(portfolio.venues.map((v) => v.venue)).toEqual([...VENUES]);
    for (const venue of portfolio.venues) expect(venue).toMatchObject({ error: null, usedPct: expect.any(Number) });
    for (const venue of portfolio.venues) expect(venue.usedPct!).toBeGreaterThan(0);
    expect(portfolio.equityUsd).toBeCloseTo(portfolio.venues.reduce((sum, v) => sum + v.equityUsd!, 0), 6);
    const earned = accrued.legs.reduce((sum, leg) => sum + leg.fundingPnl, 0);
    expect(portfolio.funding7dUsd).toBeCloseTo(earned, 6);
    expect(portfolio.fundingTodayUsd).toBeCloseTo(new Date(clock.now()).getUTCDate() === new Date(Math.min(...opened.legs.map((leg) => leg.nextFundingTime!))).getUTCDate() ? earned : 0, 6);
    expect(portfolio).toMatchObject({ livePairs: 1, realisedPnlUsd: 0 });

    const closed = await call('positions.close', { pairId: 'desk-life' });
    expect(closed.status).toBe('hedged');
    const [after] = await call('positions.list');
    expect(after.status).toBe('closed');
    expect(await call('portfolio.summary')).toMatchObject({ livePairs: 0, unrealisedPnlUsd: 0, realisedPnlUsd: expect.closeTo(after.net, 6) });
    expect((await call('ticket.preview', await btcTicket('desk-next'))).exposure.currentUsd).toBe(0);
    const kinds = (await call('journal.list', { pairId: 'desk-life' })).map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'intent')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'order').length).toBeGreaterThanOrEqual(4);
    expect(kinds).toContain('pair-closed');
    // The pair carries the alignment the ticket service journalled; confirmed and contradicted pairs are counted.
    expect(after.alignment).toBe(receipt.checklist.alignment.tag);
    const stats = await call('journal.stats');
    expect(stats.confirmed.closed + stats.contradicted.closed).toBe(after.alignment === 'neutral' ? 0 : 1);
    const [header, ...csvRows] = (await call('journal.exportCsv', { pairId: 'desk-life' })).text.trimEnd().split('\n');
    const columns = header.split(',');
    expect(columns.slice(0, 7)).toEqual(['seq', 'time', 'kind', 'pairId', 'venue', 'symbol', 'clientOrderId']);
    // Flat: the orders' own fields are columns of their own, and no cell holds a JSON object.
    expect(columns).toEqual(expect.arrayContaining(['data.averagePrice', 'data.fee', 'data.filled']));
    expect(csvRows.every((row) => !row.includes('{'))).toBe(true);
  }, 120_000);

  it('kill switch: every venue flat, the flattened pair journalled closed and counted, HALTED, a new ticket refused, then re-armed by hand', async () => {
    expect((await call('ticket.submit', await btcTicket('desk-kill'))).execution.status).toBe('hedged');
    const report = await call('killSwitch.engage', { reason: 'desk test' });
    expect(report.venues.map((v) => [v.venue, v.flat]).sort()).toEqual(VENUES.map((v) => [v, true]));
    expect(report.venues.reduce((sum, v) => sum + v.closedPositions, 0)).toBe(2);
    // The flattened pair is a closed pair: journalled with its realised net, counted by the win rate.
    const killed = (await call('positions.list')).find((pair) => pair.pairId === 'desk-kill')!;
    expect(killed.status).toBe('closed');
    const closedEntries = (await call('journal.list', { pairId: 'desk-kill' })).filter((entry) => entry.kind === 'pair-closed');
    expect(closedEntries).toHaveLength(1);
    expect((closedEntries[0].data as { net: number }).net).toBeCloseTo(killed.net, 9);
    expect(killed.net).toBeLessThan(0); // opened and closed at once: fees and spread, no funding
    const counted = (await call('positions.list')).filter((pair) => pair.status === 'closed' && (pair.alignment === 'confirmed' || pair.alignment === 'contradicted'));
    const stats = await call('journal.stats');
    expect(stats.confirmed.closed + stats.contradicted.closed).toBe(counted.length);
    expect(stats.confirmed.wins + stats.contradicted.wins).toBe(counted.filter((pair) => pair.net > 0).length);
    expect((await call('trading.state')).state).toBe('HALTED');
    expect(seen.some((line) => line.startsWith('alerts ') && line.includes('kill switch: Bybit: flat — '))).toBe(true);
    const refused = await call('ticket.submit', await btcTicket('desk-after-kill'));
    expect(refused.execution).toMatchObject({ status: 'refused', orders: [] });
    expect(refused.execution.message).toMatch(/trading is HALTED/);
    expect((await call('trading.rearm', { confirm: true })).state).toBe('ACTIVE');
    expect((await call('trading.reconcile')).differences).toEqual([]);
  }, 120_000);

  it('keeps risk settings: a patch changes only the fields sent and survives in the store', async () => {
    const before = await call('risk.get');
    const after = await call('risk.set', { leverageCap: 5 });
    expect(after).toEqual({ ...before, leverageCap: 5 });
    const result = await dispatch(backend.handlers, 'ticket.preview', await btcTicket('desk-cap', { leverage: 6 }));
    expect(result.ok && (result.value as { checklist: Array<{ id: string; status: string }> }).checklist.find((i) => i.id === 'leverage')?.status).toBe('fail');
  }, 60_000);

  it('restart over the same data dir: the pair journalled with one leg before the crash comes back UNHEDGED, saying why', async () => {
    await backend.stop();
    const store = await openStore(dataDir);
    const leg = { venue: 'bybit' as const, symbol: 'BTC/USDT:USDT', side: 'sell' as const, quantity: 0.05, reduceOnly: false };
    const other = { ...leg, venue: 'binanceusdm' as const, side: 'buy' as const };
    await store.journal.append({ kind: 'intent', pairId: 'desk-crash', venue: null, symbol: null, clientOrderId: null, data: { ticketId: 'desk-crash', intent: { legs: [leg, other] }, checklist: {} } });
    await store.journal.append({
      kind: 'order', pairId: 'desk-crash', venue: 'bybit', symbol: leg.symbol, clientOrderId: 'crash-1',
      data: { venue: 'bybit', symbol: leg.symbol, clientOrderId: 'crash-1', venueOrderId: 'x', side: 'sell', type: 'market', price: null, quantity: 0.05, filled: 0.05, averagePrice: 70_000, status: 'filled', reduceOnly: false, fee: 1, time: START_TIME },
    });
    await store.close();
    backend = await start();
    await call('vault.unlock', { passphrase: 'correct horse battery staple' });
    await call('trading.reconcile');
    expect(seen.some((line) => line.startsWith('alerts ') && line.includes('"severity":"critical"') && line.includes('UNHEDGED: pair desk-crash'))).toBe(true);
    expect((await call('positions.list')).find((p) => p.pairId === 'desk-crash')).toMatchObject({
      status: 'unhedged', deltaDrift: -0.05,
      unhedgedReason: 'interrupted between legs: leg 1 never sent (binanceusdm BTC/USDT:USDT); delta -0.05 BTC by the journal (bybit short 0.05, binanceusdm flat)',
    });
  }, 120_000);

  it('never lets the vault secret out in any output, stream or log line', () => {
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((line) => line.includes(SECRET))).toEqual([]);
  });
});
