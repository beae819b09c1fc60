/**
 * Perp/spot carries whose spot leg is spot (docs/orders.md, "Spot legs"): through the ticket
 * service, the gateway and paper or live brokers over ccxt against the simulator. A Binance
 * carry sends its spot buy to Binance's spot API (`/api/v3/order`), not to the perp, an OKX
 * carry its spot buy to OKX's spot pair (`BTC-USDT`, in cash), a Bitget and a Gate carry theirs
 * to the venue's spot account (`/api/v2/spot/trade/place-order`, `/api/v4/spot/orders`, an IOC
 * limit in coins), a Hyperliquid carry its spot buy to the UBTC/USDC pair (`BTC/USDC`, an asset
 * 10000 + the pair's index on `/exchange`); a Bybit spot × OKX perp and a Hyperliquid spot × Binance
 * perp carry span two venues. What each venue holds
 * afterwards is read from the simulator's own accounts (Live) or the paper account priced by
 * the simulator (Paper), in coins and in USD. A close and the kill switch sell the spot leg
 * back. Reverse carries sell the coin on a borrow (Binance's cross margin, Bybit's spot margin,
 * OKX's trading account) and buy it back; an account that cannot borrow is refused in words
 * before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { VENUES as VENUE_PROFILES, type VenueId } from '../../../shared/domain/venues.ts';
import { DEFAULT_RISK_SETTINGS, TicketSchema, type TicketInput } from '../../../shared/domain/ticket.ts';
import { DAILY_INTEREST_RATE } from '../../../electron/simulator/marginDebts.ts';
import { createPositionBook } from '../../../electron/backend/trading/positions.ts';
import { createPairCloser } from '../../../electron/backend/trading/pairCloser.ts';
import { engageKillSwitch } from '../../../electron/backend/trading/killSwitch.ts';
import { addWalletAccounts, credentialsFor } from './harness.ts';
import { carryTicket, openUnitDesk, simulatorHolds, simulatorMarginCoins, simulatorSpotCoins, simulatorSpotLeg, spotSymbolOn, type BrokerMode, type UnitDesk } from './unitDesk.ts';
import { isSpotSymbol } from '../../../electron/backend/markets/spotExchange.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { reconcile } from '../../../electron/backend/trading/reconcile.ts';
import { createFlatteners, reachableTarget } from '../../fixtures/killSwitchTargets.ts';

const VENUES: VenueId[] = ['binanceusdm', 'bybit', 'okx', 'bitget', 'gate', 'hyperliquid', 'aster'];
const BTC_PERP = 'BTC/USDT:USDT';
const BTC_SPOT = 'BTC/USDT';
/** Hyperliquid's BTC perp settles in USDC, and its spot pair is UBTC/USDC, which the terminal names `BTC/USDC`. */
const perpSymbolOn = (venue: VenueId) => (venue === 'hyperliquid' ? 'BTC/USDC:USDC' : BTC_PERP);

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 29, paused: true, startTime: START_TIME, venues: VENUES, universeSize: 20, initialBalance: 100_000 });
  addWalletAccounts(sim, VENUES);
});

afterAll(async () => {
  await sim?.close();
});

function carryTicketOf(ticketId: string, perp: { venue: VenueId; side: 'buy' | 'sell' }, spot: { venue: VenueId; side: 'buy' | 'sell' }, quantity: number): TicketInput {
  return carryTicket(ticketId, 'BTC', { ...perp, symbol: perpSymbolOn(perp.venue) }, { ...spot, symbol: spotSymbolOn(spot.venue, 'BTC') }, quantity);
}

const spotPair = (venue: VenueId) => sim.spot.pairOf(venue, 'BTC')!;
const apiKey = (venue: VenueId) => credentialsFor(venue).apiKey;
const requests = (path: string, method = 'POST') => sim.log.list({ path }).filter((entry) => entry.method === method && entry.path === path).length;
/** Orders the simulator's venue holds for the key, perp and spot: what reached it. */
const ordersOn = (venue: VenueId) => sim.accounts.orders(venue, apiKey(venue)).length + sim.spot.orders(venue, apiKey(venue)).length;

/** In Live, each order of the ticket reached the venue's market of its kind: spot symbols the spot pair, perps the perp. */
function expectSpotReachedSpot(desk: UnitDesk, ticketId: string): void {
  if (desk.mode !== 'live') return;
  const orders = journalOf(desk.store).ledger.pair(ticketId)!.orders;
  // One perp order opens the leg; where the spot fee in coins is over a perp lot (Hyperliquid) a reducing one unwinds the excess.
  expect(orders.filter((o) => !isSpotSymbol(o.symbol) && !o.reduceOnly).length).toBe(1);
  for (const order of orders) {
    // Gate holds our id behind its `t-` prefix.
    const ref = { clientOrderId: order.venue === 'gate' ? `t-${order.clientOrderId}` : order.clientOrderId };
    const reached = [sim.spot.order(order.venue, apiKey(order.venue), ref) !== undefined, sim.accounts.order(order.venue, apiKey(order.venue), ref) !== undefined];
    expect([order.symbol, ...reached]).toEqual([order.symbol, isSpotSymbol(order.symbol), !isSpotSymbol(order.symbol)]);
  }
}

/** BTC held on the venue's spot account: the simulator's wallet (Live) or the paper account (Paper). */
async function spotHeld(desk: UnitDesk, venue: VenueId): Promise<number> {
  if (desk.mode === 'live') return simulatorSpotCoins(sim, venue, 'BTC');
  return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === spotSymbolOn(venue, 'BTC'))?.size ?? 0;
}

async function perpHeld(desk: UnitDesk, venue: VenueId, id: string): Promise<number> {
  if (desk.mode === 'live') return simulatorHolds(sim, venue, id).coins;
  return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === perpSymbolOn(venue))?.size ?? 0;
}

/** One lot of the perp leg in coins: what a hedge within one lot may differ by. */
function perpLot(venue: VenueId, id: string): number {
  const listing = sim.market.listing(venue, id);
  return listing.instrument.stepSize * listing.instrument.contractSize * listing.priceScale;
}

function pairTools(desk: UnitDesk) {
  const brokers = (venue: VenueId) => desk.brokers.get(venue)!;
  const book = createPositionBook({ journal: journalOf(desk.store), brokers, quotes: desk.quotes });
  return { book, closer: createPairCloser({ pairs: () => book.pairs(), gateway: desk.gateway, journal: journalOf(desk.store) }) };
}

/** The venues whose cross-margin account is apart from the spot wallet, where the reverse carries below borrow; their BTC perp is `BTCUSDT`. */
type MarginVenue = 'binanceusdm' | 'bitget';

/** BTC on the venue's cross margin (Live). */
const marginBtc = (venue: MarginVenue = 'binanceusdm') => simulatorMarginCoins(sim, venue, 'BTC');

/** The spot leg of a reverse carry as held: the cross-margin net (Live) or the paper account's position. */
async function marginSpotNet(desk: UnitDesk, venue: MarginVenue): Promise<number> {
  if (desk.mode === 'live') return marginBtc(venue).net;
  return (await desk.brokers.get(venue)!.positions()).find((p) => p.symbol === BTC_SPOT)?.size ?? 0;
}

/** The Bybit spot leg as held: the unified wallet's coins less the spot borrow (Live) or the paper account's position. */
async function bybitSpotNet(desk: UnitDesk): Promise<number> {
  if (desk.mode === 'live') return simulatorSpotLeg(sim, 'bybit', 'BTC');
  return (await desk.brokers.get('bybit')!.positions()).find((p) => p.symbol === BTC_SPOT)?.size ?? 0;
}

/** A reverse carry holds the approved short spot and long perp within one perp lot, in coins and USD; Live: its sell borrowed on the cross margin. */
async function expectReverseCarryHeld(desk: UnitDesk, ticketId: string, quantity: number, perpBefore: number, venue: MarginVenue = 'binanceusdm'): Promise<void> {
  const lot = perpLot(venue, 'BTCUSDT');
  const price = sim.spot.price(spotPair(venue));
  const spot = await marginSpotNet(desk, venue);
  expect(Math.abs(spot + quantity)).toBeLessThan(lot);
  expect(Math.abs(Math.abs(spot) * price - quantity * price)).toBeLessThan(lot * price);
  expect(Math.abs((await perpHeld(desk, venue, 'BTCUSDT')) - perpBefore - quantity)).toBeLessThan(lot);
  const { book } = pairTools(desk);
  const [pair] = (await book.pairs()).filter((p) => p.pairId === ticketId);
  expect(pair.legs.map((leg) => Math.sign(leg.size))).toEqual([1, -1]);
  if (desk.mode !== 'live') return;
  const sell = journalOf(desk.store).ledger.pair(ticketId)!.orders.find((o) => o.symbol === BTC_SPOT)!;
  const onMargin = sim.spot.order(venue, apiKey(venue), { clientOrderId: sell.clientOrderId }, 'margin');
  expect([onMargin?.side, onMargin?.borrowed?.coin, sim.spot.order(venue, apiKey(venue), { clientOrderId: sell.clientOrderId })]).toEqual(['sell', 'BTC', undefined]);
  // The borrow is what the margin account lacked: a rest an earlier buy-back kept over its debt counts.
  expect(marginBtc(venue).owed).toBeGreaterThan(quantity - 2 * spotPair(venue).stepSize);
}

/** After a close: the perp back where it was, the spot leg flat (what a buy-back keeps over the debt is dust under one order), nothing owed. */
async function expectBorrowRepaid(desk: UnitDesk, perpBefore: number, venue: MarginVenue = 'binanceusdm'): Promise<void> {
  expect(await perpHeld(desk, venue, 'BTCUSDT')).toBeCloseTo(perpBefore, 9);
  const net = await marginSpotNet(desk, venue);
  expect(net).toBeGreaterThanOrEqual(0);
  expect(net).toBeLessThan(spotPair(venue).stepSize * 2);
  if (desk.mode === 'live') expect(marginBtc(venue).owed).toBe(0);
}

describe.each<BrokerMode>(['paper', 'live'])('spot legs that are spot (%s)', (mode) => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, mode);
  });
  afterAll(async () => {
    await desk?.close();
  });

  it.each([
    { name: 'Binance', venue: 'binanceusdm' as const, perpId: 'BTCUSDT' },
    { name: 'OKX', venue: 'okx' as const, perpId: 'BTC-USDT-SWAP' },
    { name: 'Bitget', venue: 'bitget' as const, perpId: 'BTCUSDT' },
    // Gate's spot fee is 0.2 % in the coin: at 0.05 BTC that is one whole perp lot (0.0001 BTC), unwound from the perp.
    { name: 'Gate', venue: 'gate' as const, perpId: 'BTC_USDT', quantity: 0.04 },
    // Hyperliquid's spot pair is UBTC/USDC (`BTC/USDC`), its perp `BTC/USDC:USDC`, both on one `/exchange`.
    { name: 'Hyperliquid', venue: 'hyperliquid' as const, perpId: 'BTC' },
    { name: 'Hyperliquid spot × Binance perp', venue: 'hyperliquid' as const, perpVenue: 'binanceusdm' as const, perpId: 'BTCUSDT' },
  ])('a $name carry buys spot on the spot pair and shorts the perp once; both hold the approved BTC within one lot, in coins and USD; a close sells the spot back', async ({ venue, perpVenue = venue, perpId, quantity = 0.05 }) => {
    const sent = () => [...new Set([venue, perpVenue])].reduce((count, v) => count + ordersOn(v), 0);
    const before = sent();
    const perpBefore = await perpHeld(desk, perpVenue, perpId);
    const spotBefore = await spotHeld(desk, venue);
    const ticket = TicketSchema.parse(carryTicketOf(`carry-${venue}-${perpVenue}-${mode}`, { venue: perpVenue, side: 'sell' }, { venue, side: 'buy' }, quantity));
    const preview = await desk.tickets.preview(ticket);
    expect(preview.legs.map((leg) => [leg.instrument, leg.lotStep])).toEqual([['perp', perpLot(perpVenue, perpId)], ['spot', spotPair(venue).stepSize]]);
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');

    const spotPrice = sim.spot.price(spotPair(venue));
    const lot = Math.max(perpLot(perpVenue, perpId), spotPair(venue).stepSize);
    const spot = (await spotHeld(desk, venue)) - spotBefore;
    const perp = (await perpHeld(desk, perpVenue, perpId)) - perpBefore;
    // Live: the venue took the buy's fee in the coin, and the perp's excess over it was unwound
    // where that fee is more than one perp lot (Hyperliquid's 0.00001 BTC). Paper charges it in USD.
    const held = mode === 'live' ? preview.quantity * (1 - VENUE_PROFILES[venue].spotTakerFee) : preview.quantity;
    expect(Math.abs(spot - held)).toBeLessThan(lot);
    expect(Math.abs(perp + held)).toBeLessThan(lot);
    expect(Math.abs(spot * spotPrice - held * spotPrice)).toBeLessThan(lot * spotPrice);
    // Live: the spot buy went to the spot pair, the perp got exactly its own leg (a short); Paper sends nothing.
    expectSpotReachedSpot(desk, ticket.ticketId);
    expect(sent() - before).toBe(mode === 'live' ? journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.length : 0);

    const { book, closer } = pairTools(desk);
    const [pair] = (await book.pairs()).filter((p) => p.pairId === ticket.ticketId);
    expect(pair.legs.map((leg) => Math.sign(leg.size))).toEqual([-1, 1]);
    const closed = await closer.close(ticket.ticketId, 'spot test');
    expect(closed).toMatchObject({ flat: true, result: { status: 'hedged' } });
    // What the close could not sell is the fee's fraction of a spot lot (Hyperliquid's 0.05 BTC kept 0.000005): dust.
    expect(Math.abs((await spotHeld(desk, venue)) - spotBefore)).toBeLessThan(spotPair(venue).stepSize);
    expect(await perpHeld(desk, perpVenue, perpId)).toBeCloseTo(perpBefore, 9);
  });

  it.each([
    { name: 'Bybit spot × OKX perp', spot: 'bybit' as const, perp: 'okx' as const, perpId: 'BTC-USDT-SWAP', quantity: 0.04 },
    { name: 'Hyperliquid spot × Binance perp', spot: 'hyperliquid' as const, perp: 'binanceusdm' as const, perpId: 'BTCUSDT', quantity: 0.03 },
  ])('a $name carry holds the approved BTC on both venues; the kill switch sells the spot leg and leaves coins bought outside the terminal', async ({ spot, perp, perpId, quantity: asked }) => {
    // Coins the trader bought on the spot venue by hand: not the terminal's to sell.
    if (mode === 'live') sim.spot.placeOrder(spot, apiKey(spot), { instrumentId: spotPair(spot).id, side: 'buy', type: 'market', quantity: 0.002 });
    // The trader's coins, and the dust earlier closes kept (under a lot each).
    const own = await spotHeld(desk, spot);
    const ticket = TicketSchema.parse(carryTicketOf(`carry-x-${spot}-${mode}`, { venue: perp, side: 'sell' }, { venue: spot, side: 'buy' }, asked));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const lot = perpLot(perp, perpId);
    const quantity = receipt.checklist.preview.quantity;
    expect(Math.abs((await spotHeld(desk, spot)) - own - quantity)).toBeLessThan(lot);
    expect(Math.abs((await perpHeld(desk, perp, perpId)) + quantity)).toBeLessThan(lot);

    const flatteners = createFlatteners([...desk.brokers.values()], desk.gateway, journalOf(desk.store), () => sim.clock.now());
    const report = await engageKillSwitch({ state: desk.state, targets: () => flatteners.map(reachableTarget), now: () => sim.clock.now(), deadlineMs: 20_000 }, 'spot test');
    expect(report.venues.map((v) => [v.venue, v.flat])).toEqual(VENUES.map((v) => [v, true]));
    // What stays beside the trader's own coins is the buy's fee rest, under one spot lot.
    expect(Math.abs((await spotHeld(desk, spot)) - own)).toBeLessThan(spotPair(spot).stepSize);
    expect(await perpHeld(desk, perp, perpId)).toBeCloseTo(0, 9);
    await desk.state.transition('ACTIVE', 'spot test re-armed', sim.clock.now());
  });

  /** The Gate spot leg as held: the unified account's coins less its borrow (Live, the simulator's own) or the paper account's position. */
  async function gateSpotNet(): Promise<number> {
    if (desk.mode === 'live') return simulatorSpotLeg(sim, 'gate', 'BTC');
    return (await desk.brokers.get('gate')!.positions()).find((p) => p.symbol === BTC_SPOT)?.size ?? 0;
  }

  /** A Gate reverse carry holds the approved coins short on Gate's spot (the terminal's positions and the venue's own) and long on the OKX perp, each within one lot. */
  async function expectGateShortHeld(ticketId: string, quantity: number, perpBefore: number): Promise<void> {
    const lot = Math.max(perpLot('okx', 'BTC-USDT-SWAP'), spotPair('gate').stepSize);
    expect(Math.abs((await gateSpotNet()) + quantity)).toBeLessThan(lot);
    const terminal = (await desk.brokers.get('gate')!.positions()).find((p) => p.symbol === BTC_SPOT)?.size ?? 0;
    expect(Math.abs(terminal + quantity)).toBeLessThan(lot);
    expect(Math.abs((await perpHeld(desk, 'okx', 'BTC-USDT-SWAP')) - perpBefore - quantity)).toBeLessThan(lot);
    const [pair] = (await pairTools(desk).book.pairs()).filter((p) => p.pairId === ticketId);
    expect([pair.legs.map((leg) => Math.sign(leg.size)), pair.mismatches]).toEqual([[1, -1], []]);
    if (desk.mode !== 'live') return;
    // The sell went to the unified account on a borrow of what the wallet lacked.
    const sell = journalOf(desk.store).ledger.pair(ticketId)!.orders.find((o) => o.symbol === BTC_SPOT)!;
    const sent = sim.spot.order('gate', apiKey('gate'), { clientOrderId: `t-${sell.clientOrderId}` })!;
    expect([sent.side, sent.sideEffect !== undefined, sent.borrowed?.coin]).toEqual(['sell', true, 'BTC']);
    expect(simulatorMarginCoins(sim, 'gate', 'BTC').owed).toBeGreaterThan(quantity - 2 * spotPair('gate').stepSize);
  }

  /** After a close or the kill switch: the OKX perp back where it was, Gate's spot flat (a buy-back's rest over the debt is dust), nothing owed. */
  async function expectGateBorrowRepaid(ticketId: string, perpBefore: number): Promise<void> {
    expect(await perpHeld(desk, 'okx', 'BTC-USDT-SWAP')).toBeCloseTo(perpBefore, 9);
    const net = await gateSpotNet();
    expect(net).toBeGreaterThanOrEqual(0);
    expect(net).toBeLessThan(spotPair('gate').stepSize * 2);
    if (desk.mode !== 'live') return;
    expect(simulatorMarginCoins(sim, 'gate', 'BTC').owed).toBe(0);
    // Gate's market buys spend USDT; the buy-back went out as an IOC limit of coins, with auto_repay.
    const buyBack = journalOf(desk.store).ledger.pair(ticketId)!.orders.find((o) => o.symbol === BTC_SPOT && o.side === 'buy')!;
    const sent = sim.spot.order('gate', apiKey('gate'), { clientOrderId: `t-${buyBack.clientOrderId}` })!;
    expect([sent.type, sent.timeInForce, sent.quoteAmount, sent.sideEffect]).toEqual(['limit', 'ioc', undefined, 'AUTO_REPAY']);
  }

  it('a Gate reverse carry (OKX perp long, Gate spot sold on the unified account\'s borrow) holds the approved coins short within one lot; its preview counts Gate\'s hourly rate (Live) or the Settings APR (Paper); a close buys the coins back and repays the borrow, interest included', async () => {
    const perpBefore = await perpHeld(desk, 'okx', 'BTC-USDT-SWAP');
    const ticket = TicketSchema.parse(carryTicketOf(`carry-gate-short-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'gate', side: 'sell' }, 0.03));
    const spotLeg = (await desk.tickets.preview(ticket)).legs.find((leg) => leg.symbol === BTC_SPOT)!;
    expect(spotLeg.borrowUsd).toBeGreaterThan(0);
    // Gate estimates the rate per hour (GET /api/v4/unified/estimate_rate); the preview counts it per day.
    expect([spotLeg.borrowDailyRate, spotLeg.borrowRateSource]).toEqual(mode === 'live' ? [DAILY_INTEREST_RATE, 'venue'] : [DEFAULT_RISK_SETTINGS.spotBorrowApr / 365, 'settings']);
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    await expectGateShortHeld(ticket.ticketId, receipt.checklist.preview.quantity, perpBefore);
    const closed = await pairTools(desk).closer.close(ticket.ticketId, 'gate reverse carry test');
    expect(closed).toMatchObject({ flat: true, result: { status: 'hedged' } });
    await expectGateBorrowRepaid(ticket.ticketId, perpBefore);
  });

  it('the kill switch buys back a Gate reverse carry\'s borrowed spot leg and repays the borrow; client ids fit Gate\'s 28 characters', async () => {
    const perpBefore = await perpHeld(desk, 'okx', 'BTC-USDT-SWAP');
    const ticket = TicketSchema.parse(carryTicketOf(`gate-short-kill-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'gate', side: 'sell' }, 0.02));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    await expectGateShortHeld(ticket.ticketId, receipt.checklist.preview.quantity, perpBefore);
    const flatteners = createFlatteners([...desk.brokers.values()], desk.gateway, journalOf(desk.store), () => sim.clock.now());
    const report = await engageKillSwitch({ state: desk.state, targets: () => flatteners.map(reachableTarget), now: () => sim.clock.now(), deadlineMs: 20_000 }, 'gate reverse carry test');
    expect(report.venues.map((v) => [v.venue, v.flat])).toEqual(VENUES.map((v) => [v, true]));
    await expectGateBorrowRepaid(ticket.ticketId, perpBefore);
    const gateIds = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.filter((o) => o.venue === 'gate').map((o) => o.clientOrderId);
    expect(gateIds.length).toBe(2);
    expect(gateIds.every((id) => id.length <= 28)).toBe(true);
    await desk.state.transition('ACTIVE', 'gate reverse carry test re-armed', sim.clock.now());
  });

  it('a Gate account whose unified account lends nothing (classic mode) is refused in words before anything is sent, by the ticket and again by the broker (Live)', async () => {
    if (mode !== 'live') return;
    const sent = () => requests('/api/v4/spot/orders') + requests('/api/v5/trade/order') + requests('/api/v5/trade/batch-orders');
    const before = { sent: sent(), journal: journalOf(desk.store).ledger.entries().length };
    sim.spot.setLending('gate', apiKey('gate'), false);
    try {
      const words = /BTC\/USDT: the Gate account is in Classic account mode, which lends a spot sell nothing; a spot short needs the unified account in Multi-currency or Portfolio margin mode, set at Gate \(the terminal never changes the account's mode\); nothing was sent/;
      await expect(desk.brokers.get('gate')!.createOrder({ symbol: BTC_SPOT, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'ftgatenolending1' })).rejects.toThrow(words);
      await expect(desk.tickets.submit(TicketSchema.parse(carryTicketOf(`carry-gate-no-lending-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'gate', side: 'sell' }, 0.02))))
        .rejects.toThrow(words);
    } finally {
      sim.spot.setLending('gate', apiKey('gate'), true);
    }
    expect(sent()).toBe(before.sent);
    expect(journalOf(desk.store).ledger.entries().length).toBe(before.journal);
  });

  it('a Bitget reverse carry (long perp, spot sold on the cross-margin account with autoLoan) holds the approved short within one lot, in coins and USD; its preview counts Bitget\'s daily rate (Live) or the Settings APR (Paper); a close buys back with autoRepay and nothing stays owed', async () => {
    const perpBefore = await perpHeld(desk, 'bitget', 'BTCUSDT');
    const ticket = TicketSchema.parse(carryTicketOf(`reverse-bitget-${mode}`, { venue: 'bitget', side: 'buy' }, { venue: 'bitget', side: 'sell' }, 0.03));
    const spotLeg = (await desk.tickets.preview(ticket)).legs.find((leg) => leg.symbol === BTC_SPOT)!;
    expect(spotLeg.borrowUsd).toBeGreaterThan(0);
    // ccxt states Bitget's rate per day (dailyInterestRate of interest-rate-and-limit).
    expect([spotLeg.borrowDailyRate, spotLeg.borrowRateSource]).toEqual(mode === 'live' ? [DAILY_INTEREST_RATE, 'venue'] : [DEFAULT_RISK_SETTINGS.spotBorrowApr / 365, 'settings']);
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    await expectReverseCarryHeld(desk, ticket.ticketId, receipt.checklist.preview.quantity, perpBefore, 'bitget');
    if (mode === 'live') {
      // The journalled sell is what the venue filled, its fee read from the margin fills.
      const sell = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.find((o) => o.symbol === BTC_SPOT)!;
      const onMargin = sim.spot.order('bitget', apiKey('bitget'), { clientOrderId: sell.clientOrderId }, 'margin')!;
      expect(onMargin.sideEffect).toBe('MARGIN_BUY');
      expect(sell.filled).toBeCloseTo(onMargin.filled, 12);
      expect(sell.fee).toBeCloseTo(onMargin.fee, 9);
      expect(onMargin.fee).toBeGreaterThan(0);
    }
    const closed = await pairTools(desk).closer.close(ticket.ticketId, 'bitget reverse carry test');
    expect(closed).toMatchObject({ flat: true, result: { status: 'hedged' } });
    await expectBorrowRepaid(desk, perpBefore, 'bitget');
    if (mode !== 'live') return;
    const buyBack = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.find((o) => o.symbol === BTC_SPOT && o.side === 'buy')!;
    expect(sim.spot.order('bitget', apiKey('bitget'), { clientOrderId: buyBack.clientOrderId }, 'margin')?.sideEffect).toBe('AUTO_REPAY');
  });

  it('a Bitget account that can borrow nothing is refused in words before anything is sent, by the ticket and again by the broker (Live)', async () => {
    if (mode !== 'live') return;
    const sent = () => requests('/api/v2/margin/crossed/place-order') + requests('/api/v2/spot/trade/place-order') + requests('/api/v2/mix/order/place-order') + requests('/v5/order/create');
    const before = { sent: sent(), journal: journalOf(desk.store).ledger.entries().length };
    sim.spot.setLending('bitget', apiKey('bitget'), false);
    try {
      const words = /BTC\/USDT: the Bitget cross-margin account can borrow no BTC \(max borrowable 0\): a spot short needs margin trading opened and USDT collateral transferred into the cross-margin account at Bitget \(the terminal moves no funds\); nothing was sent/;
      await expect(desk.brokers.get('bitget')!.createOrder({ symbol: BTC_SPOT, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'ftbitgetnolending1' })).rejects.toThrow(words);
      await expect(desk.tickets.submit(TicketSchema.parse(carryTicketOf(`carry-bitget-no-lending-${mode}`, { venue: 'bybit', side: 'buy' }, { venue: 'bitget', side: 'sell' }, 0.02))))
        .rejects.toThrow(words);
    } finally {
      sim.spot.setLending('bitget', apiKey('bitget'), true);
    }
    expect(sent()).toBe(before.sent);
    expect(journalOf(desk.store).ledger.entries().length).toBe(before.journal);
  });

  it('a Bybit reverse carry (long Bybit perp, spot sold on Bybit spot margin) holds the approved short within one lot, in coins and USD; its preview counts Bybit\'s hourly rate (Live) or the Settings APR (Paper); a close buys the coins back and nothing is owed', async () => {
    // Live: the coins the trader bought by hand above are sold first (a spot margin sell sells what the wallet holds before it borrows).
    if (mode === 'live') {
      const own = Math.floor(simulatorSpotCoins(sim, 'bybit', 'BTC') / spotPair('bybit').stepSize) * spotPair('bybit').stepSize;
      if (own > 0) sim.spot.placeOrder('bybit', apiKey('bybit'), { instrumentId: 'BTCUSDT', side: 'sell', type: 'market', quantity: Number(own.toFixed(8)) });
    }
    const perpBefore = await perpHeld(desk, 'bybit', 'BTCUSDT');
    // Bybit's unified account is in cross margin for every symbol.
    const ticket = TicketSchema.parse({ ...carryTicketOf(`reverse-bybit-${mode}`, { venue: 'bybit', side: 'buy' }, { venue: 'bybit', side: 'sell' }, 0.05), marginMode: 'cross' });
    const spotLeg = (await desk.tickets.preview(ticket)).legs.find((leg) => leg.symbol === BTC_SPOT)!;
    expect(spotLeg.borrowUsd).toBeGreaterThan(0);
    // ccxt states Bybit's rate per hour (GET /v5/spot-margin-trade/data); the preview counts it per day.
    expect(spotLeg.borrowDailyRate).toBeCloseTo(mode === 'live' ? DAILY_INTEREST_RATE : DEFAULT_RISK_SETTINGS.spotBorrowApr / 365, 9);
    expect(spotLeg.borrowRateSource).toBe(mode === 'live' ? 'venue' : 'settings');
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status, receipt.execution.message).toBe('hedged');
    const quantity = receipt.checklist.preview.quantity;
    const lot = perpLot('bybit', 'BTCUSDT');
    const price = sim.spot.price(spotPair('bybit'));
    const spot = await bybitSpotNet(desk);
    expect(Math.abs(spot + quantity)).toBeLessThan(lot);
    expect(Math.abs(Math.abs(spot) * price - quantity * price)).toBeLessThan(lot * price);
    expect(Math.abs((await perpHeld(desk, 'bybit', 'BTCUSDT')) - perpBefore - quantity)).toBeLessThan(lot);
    expect((await pairTools(desk).book.pairs()).find((p) => p.pairId === ticket.ticketId)!.legs.map((leg) => Math.sign(leg.size))).toEqual([1, -1]);
    if (mode === 'live') {
      // The sell went to the spot pair with isLeverage 1 and borrowed the coin; the venue owes it with its interest.
      const sell = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.find((o) => o.symbol === BTC_SPOT)!;
      const atVenue = sim.spot.order('bybit', apiKey('bybit'), { clientOrderId: sell.clientOrderId });
      expect([atVenue?.side, atVenue?.sideEffect, atVenue?.borrowed?.coin]).toEqual(['sell', 'MARGIN_BUY', 'BTC']);
      expect(simulatorMarginCoins(sim, 'bybit', 'BTC').owed).toBeGreaterThan(quantity - 2 * spotPair('bybit').stepSize);
    }
    expect(await pairTools(desk).closer.close(ticket.ticketId, 'bybit reverse carry test')).toMatchObject({ flat: true, result: { status: 'hedged' } });
    expect(await perpHeld(desk, 'bybit', 'BTCUSDT')).toBeCloseTo(perpBefore, 9);
    const rest = await bybitSpotNet(desk);
    expect(rest).toBeGreaterThanOrEqual(0);
    expect(rest).toBeLessThan(spotPair('bybit').stepSize * 2);
    if (mode === 'live') expect(simulatorMarginCoins(sim, 'bybit', 'BTC').owed).toBe(0);
  });

  it('the kill switch buys back a Binance reverse carry\'s borrowed spot leg and repays the borrow', async () => {
    const perpBefore = await perpHeld(desk, 'binanceusdm', 'BTCUSDT');
    const ticket = TicketSchema.parse(carryTicketOf(`reverse-kill-${mode}`, { venue: 'binanceusdm', side: 'buy' }, { venue: 'binanceusdm', side: 'sell' }, 0.03));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    await expectReverseCarryHeld(desk, ticket.ticketId, receipt.checklist.preview.quantity, perpBefore);
    const flatteners = createFlatteners([...desk.brokers.values()], desk.gateway, journalOf(desk.store), () => sim.clock.now());
    const report = await engageKillSwitch({ state: desk.state, targets: () => flatteners.map(reachableTarget), now: () => sim.clock.now(), deadlineMs: 20_000 }, 'reverse carry test');
    expect(report.venues.map((v) => [v.venue, v.flat])).toEqual(VENUES.map((v) => [v, true]));
    await expectBorrowRepaid(desk, 0);
    await desk.state.transition('ACTIVE', 'reverse carry test re-armed', sim.clock.now());
  });

  it('a Binance reverse carry (long perp, spot sold on a cross-margin borrow) holds the approved short within one lot, in coins and USD; its preview counts the borrow\'s interest; a close buys the coins back and repays the borrow, interest included', async () => {
    const perpBefore = await perpHeld(desk, 'binanceusdm', 'BTCUSDT');
    const ticket = TicketSchema.parse(carryTicketOf(`reverse-${mode}`, { venue: 'binanceusdm', side: 'buy' }, { venue: 'binanceusdm', side: 'sell' }, 0.05));
    const preview = await desk.tickets.preview(ticket);
    const spotLeg = preview.legs.find((leg) => leg.instrument === 'spot')!;
    expect(spotLeg.borrowUsd).toBeGreaterThan(0);
    expect(spotLeg.marginNeeded).toBeCloseTo(spotLeg.quantity * spotLeg.markPrice * 0.5, 6);
    // Live reads Binance's own daily rate for BTC (GET /sapi/v1/margin/interestRateHistory); Paper has no key to ask with.
    expect([spotLeg.borrowDailyRate, spotLeg.borrowRateSource]).toEqual(mode === 'live' ? [DAILY_INTEREST_RATE, 'venue'] : [DEFAULT_RISK_SETTINGS.spotBorrowApr / 365, 'settings']);
    expect(preview.checklist.find((item) => item.id === 'costs')!.detail).toMatch(/borrow interest \$\d+\.\d\d for BTC\/USDT on binanceusdm \(\d\.\d{4} %\/day, (venue|Settings APR)/);
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    await expectReverseCarryHeld(desk, ticket.ticketId, receipt.checklist.preview.quantity, perpBefore);
    // Two hours pass (last of the Binance tests: the quotes go stale): the venue charges two more hours of interest.
    const owedAtOpen = marginBtc().owed;
    sim.clock.advanceTo(sim.clock.now() + 2 * 3_600_000);
    if (mode === 'live') expect(marginBtc().owed).toBeGreaterThan(owedAtOpen);
    const { closer } = pairTools(desk);
    const closed = await closer.close(ticket.ticketId, 'reverse carry test');
    expect(closed).toMatchObject({ flat: true, result: { status: 'hedged' } });
    // The buy-back's journalled fee carries the interest besides the spot taker fee (Live: what
    // AUTO_REPAY took in coins; Paper: the Settings rate for the two hours).
    const buyBack = journalOf(desk.store).ledger.pair(ticket.ticketId)!.orders.find((o) => o.symbol === BTC_SPOT && o.side === 'buy')!;
    const takerFee = VENUE_PROFILES.binanceusdm.spotTakerFee * buyBack.quantity * buyBack.averagePrice!;
    const interest = mode === 'live' ? 0 : (receipt.checklist.preview.quantity * buyBack.averagePrice! * DEFAULT_RISK_SETTINGS.spotBorrowApr * 2) / (365 * 24);
    expect(buyBack.fee).toBeGreaterThan(takerFee + interest * 0.9);
    await expectBorrowRepaid(desk, perpBefore);
  });

  it('a spot short is refused in words before anything is sent: on Bybit with spot margin trading off (Live: by the ticket and again by the broker), on a venue that lends nothing (Hyperliquid), and on a venue whose spot the terminal does not trade', async () => {
    const sent = () => requests('/api/v3/order') + requests('/v5/order/create') + requests('/api/v5/trade/batch-orders') + requests('/fapi/v1/order') + requests('/api/v4/futures/usdt/orders') + requests('/aster/fapi/v3/order');
    const before = { sent: sent(), journal: journalOf(desk.store).ledger.entries().length };
    if (mode === 'live') {
      sim.spot.setLending('bybit', apiKey('bybit'), false);
      try {
        const refusal = /BTC\/USDT: spot margin trading is off on the Bybit Unified Trading Account, so a spot sell cannot borrow the coin; turn it on at Bybit \(the terminal never changes it\); nothing was sent/;
        const short = TicketSchema.parse(carryTicketOf(`carry-short-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'bybit', side: 'sell' }, 0.04));
        await expect(desk.tickets.submit(short)).rejects.toThrow(refusal);
        // The broker reads the account again before a sell: the preview's terms may be an hour old.
        await expect(desk.brokers.get('bybit')!.createOrder({ symbol: BTC_SPOT, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'ftbybitnomargin1' })).rejects.toThrow(refusal);
      } finally {
        sim.spot.setLending('bybit', apiKey('bybit'), true);
      }
    }
    // Hyperliquid lends nothing for a spot short.
    const hyperliquidShort = TicketSchema.parse(carryTicketOf(`carry-hl-short-${mode}`, { venue: 'okx', side: 'buy' }, { venue: 'hyperliquid', side: 'sell' }, 0.04));
    await expect(desk.tickets.submit(hyperliquidShort)).rejects.toThrow(/BTC\/USDC: a spot short on Hyperliquid sells coins the account does not hold and needs a margin borrow, .*not on Hyperliquid; nothing was sent/);
    const asterSpot = TicketSchema.parse(carryTicketOf(`carry-aster-${mode}`, { venue: 'bybit', side: 'sell' }, { venue: 'aster', side: 'buy' }, 0.04));
    await expect(desk.tickets.preview(asterSpot)).rejects.toThrow(/BTC\/USDT on Aster is a spot leg: the terminal does not trade Aster's spot market yet/);
    expect(sent()).toBe(before.sent);
    expect(journalOf(desk.store).ledger.entries().length).toBe(before.journal);
  });

  it('an OKX reverse carry\'s preview counts the borrow at OKX\'s hourly rate (Live) or the Settings APR (Paper); an OKX account without auto-borrow is refused in words before anything is sent, by the ticket and again by the broker (Live)', async () => {
    const ticket = TicketSchema.parse(carryTicketOf(`carry-okx-short-preview-${mode}`, { venue: 'bybit', side: 'buy' }, { venue: 'okx', side: 'sell' }, 0.02));
    const spotLeg = (await desk.tickets.preview(ticket)).legs.find((leg) => leg.symbol === BTC_SPOT)!;
    expect(spotLeg.borrowUsd).toBeGreaterThan(0);
    // ccxt states OKX's rate per hour; the preview counts it per day.
    expect(spotLeg.borrowDailyRate).toBeCloseTo(mode === 'live' ? DAILY_INTEREST_RATE : DEFAULT_RISK_SETTINGS.spotBorrowApr / 365, 9);
    expect(spotLeg.borrowRateSource).toBe(mode === 'live' ? 'venue' : 'settings');
    if (mode !== 'live') return;
    const sent = () => requests('/api/v5/trade/order') + requests('/api/v5/trade/batch-orders') + requests('/v5/order/create');
    const before = { sent: sent(), journal: journalOf(desk.store).ledger.entries().length };
    sim.spot.setLending('okx', apiKey('okx'), false);
    try {
      // The broker reads the account again before a sell: the preview's terms may be an hour old.
      const broker = desk.brokers.get('okx')!;
      await expect(broker.createOrder({ symbol: BTC_SPOT, side: 'sell', type: 'market', quantity: 0.01, reduceOnly: false, clientOrderId: 'ftokxnolending1' }))
        .rejects.toThrow(/BTC\/USDT: the OKX account is in Spot and futures mode, which lends a spot sell nothing .*; a spot short needs Multi-currency or Portfolio margin mode with auto-borrow on, set at OKX \(the terminal never changes the account's mode\); nothing was sent/);
      // The ticket is refused at preview, before either leg is priced into an order.
      await expect(desk.tickets.submit(TicketSchema.parse(carryTicketOf(`carry-okx-no-lending-${mode}`, { venue: 'bybit', side: 'buy' }, { venue: 'okx', side: 'sell' }, 0.02))))
        .rejects.toThrow(/BTC\/USDT: the OKX account is in Spot and futures mode, .*; nothing was sent/);
    } finally {
      sim.spot.setLending('okx', apiKey('okx'), true);
    }
    expect(sent()).toBe(before.sent);
    expect(journalOf(desk.store).ledger.entries().length).toBe(before.journal);
  });

  it('after every carry above (opened, closed, killed), reconciliation finds nothing: a closed spot leg\'s fee dust and a venue\'s rounded coin balance are no difference', async () => {
    expect(await reconcile({ journal: journalOf(desk.store), brokers: [...desk.brokers.values()] })).toEqual([]);
  });
});

describe('a borrowed short the venue no longer holds (live)', () => {
  let desk: UnitDesk;
  beforeAll(async () => {
    desk = await openUnitDesk(sim, VENUES, 'live');
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('a long carry and a reverse carry of one coin on Binance each close from their own account, whichever first: the long sells from the spot wallet, the short buys back and repays', async () => {
    // The perps on two other venues: opposite pairs on one one-way perp would net there as well.
    const long = TicketSchema.parse(carryTicketOf('mixed-long', { venue: 'okx', side: 'sell' }, { venue: 'binanceusdm', side: 'buy' }, 0.02));
    const short = TicketSchema.parse(carryTicketOf('mixed-short', { venue: 'gate', side: 'buy' }, { venue: 'binanceusdm', side: 'sell' }, 0.03));
    const a = await desk.tickets.submit(long);
    expect(a.execution.status, a.execution.message).toBe('hedged');
    const b = await desk.tickets.submit(short);
    expect(b.execution.status, b.execution.message).toBe('hedged');
    expect(simulatorSpotCoins(sim, 'binanceusdm', 'BTC')).toBeGreaterThan(0.019);
    // The venue's position nets the two (long 0.02, short 0.03): the long's close still sells its coins.
    const owedBefore = marginBtc().owed;
    const { closer } = pairTools(desk);
    expect(await closer.close(long.ticketId, 'mixed test')).toMatchObject({ flat: true });
    expect(simulatorSpotCoins(sim, 'binanceusdm', 'BTC')).toBeLessThan(spotPair('binanceusdm').stepSize);
    expect(marginBtc().owed).toBe(owedBefore);
    expect(await closer.close(short.ticketId, 'mixed test')).toMatchObject({ flat: true });
    expect(marginBtc().owed).toBe(0);
  });

  it('an account without cross margin (Binance -3003) still shows its spot wallet, perps and balances: no short was borrowed there', async () => {
    const long = TicketSchema.parse(carryTicketOf('no-margin-long', { venue: 'okx', side: 'sell' }, { venue: 'binanceusdm', side: 'buy' }, 0.02));
    expect((await desk.tickets.submit(long)).execution.status).toBe('hedged');
    const fault = sim.faults.inject({ venue: 'binanceusdm', kind: 'status', status: 400, path: '/sapi/v1/margin/' });
    try {
      const broker = desk.brokers.get('binanceusdm')!;
      expect((await broker.positions()).find((p) => p.symbol === BTC_SPOT)?.size).toBeGreaterThan(0.019);
      expect((await broker.balances()).length).toBeGreaterThan(0);
      expect(await broker.openOrders()).toEqual([]);
      expect(sim.faults.list().find((f) => f.id === fault.id)!.hits).toBeGreaterThan(0);
    } finally {
      sim.faults.clear(fault.id);
    }
    expect(await pairTools(desk).closer.close(long.ticketId, 'no-margin test')).toMatchObject({ flat: true });
  });

  it('is a MISMATCH on the pair within one refresh: the short counts both ways, as the pairs\' own debt', async () => {
    const ticket = TicketSchema.parse(carryTicketOf('reverse-gone', { venue: 'binanceusdm', side: 'buy' }, { venue: 'binanceusdm', side: 'sell' }, 0.03));
    const receipt = await desk.tickets.submit(ticket);
    expect(receipt.execution.status).toBe('hedged');
    const { book } = desk;
    expect((await book.pairs()).find((p) => p.pairId === ticket.ticketId)!.mismatches).toEqual([]);
    // The trader buys the coins back on Binance by hand, repaying the borrow: the leg is gone.
    sim.spot.placeOrder('binanceusdm', apiKey('binanceusdm'), { instrumentId: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.031 }, 'AUTO_REPAY');
    expect(marginBtc().owed).toBe(0);
    const [mismatch] = (await book.pairs()).find((p) => p.pairId === ticket.ticketId)!.mismatches;
    expect(mismatch).toMatchObject({ venue: 'binanceusdm', symbol: BTC_SPOT });
    expect(mismatch.reason).toMatch(/binanceusdm BTC\/USDT: the venue holds (flat|long [\d.]+) BTC, the journal approved short 0\.03/);
  });
});
