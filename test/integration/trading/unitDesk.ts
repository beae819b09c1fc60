/**
 * A ticket desk over the simulator for the units tests: the ticket service, the gateway and one
 * broker per venue (paper or live, through ccxt's real HTTP code), wired as the trading desk
 * wires them, and the simulator's own account of what each venue holds, read without the
 * terminal's conversions: contracts × the venue's contract size × the listing's price scale
 * (how many coins the venue's base name stands for) gives coins, contracts × contract size ×
 * the venue's mark gives USD.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';
import { demoCredential } from '../../../electron/simulator/credentials.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { createPaperBroker } from '../../../electron/backend/trading/brokers/paper.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { createHoldingWatch, type HoldingWatch } from '../../../electron/backend/trading/holdingWatch.ts';
import { createPositionBook, type PositionBook } from '../../../electron/backend/trading/positions.ts';
import { createTicketService, type TicketService } from '../../../electron/backend/trading/ticketService.ts';
import { brokerBalance } from '../../../electron/backend/trading/deskTicketData.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { DEFAULT_RISK_SETTINGS, type TicketInput } from '../../../shared/domain/ticket.ts';
import { SPOT_BORROW_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { addParadexAccount, credentialsFor, simAccountKey } from './harness.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';

export type BrokerMode = 'paper' | 'live';

export interface UnitDesk {
  mode: BrokerMode;
  /** The brokers as opened (what `wrap` was given). */
  brokers: Map<VenueId, Broker>;
  gateway: Gateway;
  tickets: TicketService;
  store: Store;
  state: TradingStateMachine;
  quotes: () => FundingQuote[];
  alerts: string[];
  watch: HoldingWatch;
  book: PositionBook;
  close(): Promise<void>;
}

/** `wrap` stands between the gateway and a venue's broker (a deliberately wrong conversion, in the holdings tests). */
export async function openUnitDesk(sim: Simulator, venues: readonly VenueId[], mode: BrokerMode, wrap: (broker: Broker) => Broker = (broker) => broker): Promise<UnitDesk> {
  const now = () => sim.clock.now();
  const connection = { baseUrl: sim.url, timeoutMs: 2_000 };
  const adapters = venues.map((venue) => ADAPTERS[venue]({ connection, cadenceScale: 1, now }));
  let quotes = (await Promise.all(adapters.map((adapter) => adapter.poll()))).flat();
  for (const adapter of adapters) await adapter.close();
  const brokers = new Map<VenueId, Broker>();
  for (const venue of venues) {
    brokers.set(venue, mode === 'live'
      ? await createLiveBroker({ venue, credentials: credentialsFor(venue), connection })
      : await createPaperBroker({ venue, connection, quotes: () => quotes, now, readCredentials: demoCredential(venue) }));
  }
  const dir = await mkdtemp(join(tmpdir(), `ft-units-${mode}-`));
  const store = await openStore(dir);
  const state = new TradingStateMachine(0, () => undefined, journalOf(store));
  const alerts: string[] = [];
  const wrapped = new Map([...brokers].map(([venue, b]) => [venue, wrap(b)]));
  const broker = (venue: VenueId) => wrapped.get(venue)!;
  const gateway = createGateway({ state, journal: journalOf(store), brokers: broker, now, alert: (text) => alerts.push(text), lookupDelaysMs: [0, 300, 600] });
  const tickets = createTicketService({
    quotes: () => quotes,
    orderBook: (venue, symbol, depth) => broker(venue).orderBook(symbol, depth),
    units: (venue, symbol) => broker(venue).units(symbol),
    balances: (venue) => brokerBalance(broker(venue)),
    marketInfo: (venue, symbol) => broker(venue).marketInfo(symbol),
    settings: () => ({ ...DEFAULT_SETTINGS, ...DEFAULT_RISK_SETTINGS }),
    alignment: () => ({ tag: 'neutral', reason: 'units test' }),
    gateway, exposure: () => 0, now, ledger: journalOf(store).ledger,
  });
  // The run-time holdings check, wired as the trading desk wires it.
  const watch = createHoldingWatch({ journal: journalOf(store), brokers: broker, state, now, alert: (_severity, text) => alerts.push(text) });
  const book = createPositionBook({ journal: journalOf(store), brokers: broker, quotes: () => quotes, watch });
  return {
    mode, brokers, gateway, tickets, store, state, alerts, watch, book,
    quotes: () => quotes,
    async close() {
      for (const b of brokers.values()) await b.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
      quotes = [];
    },
  };
}

/** One test file's simulator and the desk its current test opened. */
export interface DeskSuite {
  sim: Simulator;
  desk: UnitDesk | undefined;
}

/**
 * A paused simulator of `venues` for a file's tests (20 assets, $1,000,000 a venue account); after
 * each test its desk is closed, the clock moves on a second (restore ids carry the time, docs/orders.md)
 * and the simulator's accounts are left flat for the next, whatever the terminal did.
 */
export function deskSuite(venues: readonly VenueId[], seed: number): DeskSuite {
  const suite = { desk: undefined } as DeskSuite;
  beforeAll(async () => {
    suite.sim = await startSimulator({ seed, paused: true, startTime: START_TIME, venues: [...venues], universeSize: 20, initialBalance: 1_000_000 });
    addParadexAccount(suite.sim, venues);
  });
  afterAll(async () => {
    await suite.sim?.close();
  });
  afterEach(async () => {
    await suite.desk?.close();
    suite.desk = undefined;
    suite.sim.faults.clear();
    suite.sim.clock.step(1_000);
    flattenSimulatorAccounts(suite.sim, venues);
  });
  return suite;
}

/** A ticket whose checklist passes whatever the carry's sign: a long and a short of `base`. */
export function pairTicket(ticketId: string, base: string, long: { venue: VenueId; symbol: string }, short: { venue: VenueId; symbol: string }, quantity: number): TicketInput {
  return {
    ticketId, kind: 'perp-perp', base,
    legs: [{ ...long, side: 'buy', instrument: 'perp' }, { ...short, side: 'sell', instrument: 'perp' }],
    quantity, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 72,
    acknowledgements: { settlementTiming: true, negativeCarry: true }, override: 'units test: the carry does not matter here',
  };
}

/** A perp/spot carry: short the perp on one venue, buy the coin on the spot market of the same venue or another. */
export function carryTicket(ticketId: string, base: string, perp: { venue: VenueId; symbol: string; side: 'buy' | 'sell' }, spot: { venue: VenueId; symbol: string; side: 'buy' | 'sell' }, quantity: number): TicketInput {
  return {
    ticketId, kind: 'perp-spot', base,
    legs: [{ ...perp, instrument: 'perp' }, { ...spot, instrument: 'spot' }],
    quantity, leverage: 3, basisStopPct: 0.01, takeProfitSpreadPer8h: null, maxHoldingHours: 72,
    acknowledgements: { settlementTiming: true, negativeCarry: true }, override: 'spot test: the carry does not matter here',
  };
}

/** The coins of `base` the venue's spot account holds, by the simulator's own wallet (Hyperliquid's `UBTC` for BTC). */
export function simulatorSpotCoins(sim: Simulator, venue: VenueId, base: string): number {
  const coin = sim.spot.pairOf(venue, base)?.base ?? base;
  return sim.spot.balances(venue, credentialsFor(venue).apiKey).find((b) => b.coin === coin)?.free ?? 0;
}

/** The terminal's symbol of `base`'s spot pair on the venue: `BTC/USDT`, Hyperliquid's `BTC/USDC` (its UBTC token). */
export function spotSymbolOn(venue: VenueId, base: string): string {
  return `${base}/${venue === 'hyperliquid' ? 'USDC' : 'USDT'}`;
}

/** `base` on the venue's borrowing account (Binance's cross margin, OKX's trading account): the net (negative: a borrowed short) and what is owed, interest included. */
export function simulatorMarginCoins(sim: Simulator, venue: VenueId, base: string): { net: number; owed: number } {
  const coin = sim.spot.marginAccount(venue, credentialsFor(venue).apiKey).coins.find((c) => c.coin === base);
  const owed = (coin?.borrowed ?? 0) + (coin?.interest ?? 0);
  return { net: (coin?.free ?? 0) + (coin?.locked ?? 0) - owed, owed };
}

/**
 * `base` held on the venue's spot side: the spot wallet's coins and, where spot shorts borrow, the
 * borrowing account's net (negative: a short, its interest included). On a unified account (OKX)
 * the two are one wallet.
 */
export function simulatorSpotLeg(sim: Simulator, venue: VenueId, base: string): number {
  if (!SPOT_BORROW_VENUES.includes(venue)) return simulatorSpotCoins(sim, venue, base);
  const net = simulatorMarginCoins(sim, venue, base).net;
  return sim.spot.borrowAccount(venue) === 'spot' ? net : simulatorSpotCoins(sim, venue, base) + net;
}

export interface Held {
  coins: number;
  usd: number;
}

/** What the simulator's venue account holds on `id`, by the simulator's own definitions. */
/** Leaves the simulator's perp accounts flat for the next test, whatever the terminal did (reduce-only market orders). */
export function flattenSimulatorAccounts(sim: Simulator, venues: readonly VenueId[]): void {
  for (const venue of venues) {
    // Paradex's account is its onboarded StarkNet address; the others' the demo key.
    const key = venue === 'paradex' ? simAccountKey(venue) : 'demo-key';
    for (const position of sim.accounts.positions(venue, key)) {
      if (position.size === 0) continue;
      sim.accounts.placeOrder(venue, key, { instrumentId: position.instrumentId, side: position.size > 0 ? 'sell' : 'buy', type: 'market', quantity: Math.abs(position.size), reduceOnly: true });
    }
  }
}

export function simulatorHolds(sim: Simulator, venue: VenueId, id: string): Held {
  const apiKey = simAccountKey(venue);
  const contracts = sim.accounts.positions(venue, apiKey).find((p) => p.instrumentId === id)?.size ?? 0;
  const listing = sim.market.listing(venue, id);
  const venueBase = contracts * listing.instrument.contractSize;
  return { coins: venueBase * listing.priceScale, usd: venueBase * sim.market.markPrice(venue, id) };
}

/** The USD price of one coin of the asset listed as `id`, by the simulator's own definitions. */
export function simulatorCoinPrice(sim: Simulator, venue: VenueId, id: string): number {
  return sim.market.markPrice(venue, id) / sim.market.listing(venue, id).priceScale;
}

/**
 * What the venue holds of a leg: in Live the simulator's account by its own definitions; in
 * Paper the paper account (the venue holds nothing), priced per coin by the simulator.
 */
export async function deskHolds(sim: Simulator, desk: UnitDesk, leg: { venue: VenueId; symbol: string; id: string }): Promise<Held> {
  if (desk.mode === 'live') return simulatorHolds(sim, leg.venue, leg.id);
  const coins = (await desk.brokers.get(leg.venue)!.positions()).find((p) => p.symbol === leg.symbol)?.size ?? 0;
  return { coins, usd: coins * simulatorCoinPrice(sim, leg.venue, leg.id) };
}
