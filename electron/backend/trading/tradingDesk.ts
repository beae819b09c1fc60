/**
 * The trading desk: the ticket service, the order gateway, the mode's brokers, the position
 * book, the journal, exits, reconciliation and the kill switch composed into the handlers of
 * every trading request. Paper, Demo and Live run this same code; only `createDeskBrokers`
 * picks a different broker. Whatever needs the trader's attention (UNHEDGED pairs, unwinds,
 * reconcile differences, kill-switch reports, met exits) goes out on the `alerts` stream, and
 * the pairs on the `positions` stream after every change and every settlement pass.
 */
import type { Alert } from '../../../shared/domain/signals.ts';
import type { EngineSettings } from '../../../shared/domain/settings.ts';
import { RiskSettingsSchema, type RiskSettings } from '../../../shared/domain/ticket.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import type { Handlers, Mode, Publish } from '../../../shared/ipc/contract.ts';
import type { EngineHandle } from '../engine/engineClient.ts';
import type { Logger } from '../log/logger.ts';
import type { MarketData } from '../markets/marketData.ts';
import type { Store } from '../store/duckdb.ts';
import type { Vault } from '../vault/vault.ts';
import { createDeskBrokers } from './deskBrokers.ts';
import { alignmentFromRows, brokerBalance, createTicketData } from './deskTicketData.ts';
import { createExitMonitor } from './exitMonitor.ts';
import { createFlatteners } from './flatteners.ts';
import { createFundingJournaller } from './fundingJournal.ts';
import { createGateway } from './gateway.ts';
import { journalFlatPairs } from './pairClosing.ts';
import { engageKillSwitch, type Flattener, type KillSwitchReport } from './killSwitch.ts';
import { createPositionBook, resolveUnhedged } from './positions.ts';
import { reconcile } from './reconcile.ts';
import { createSettlementLoop } from './settlementLoop.ts';
import { createTicketService, type TicketService } from './ticketService.ts';
import { cachedMarketInfo } from './venueMarket.ts';
import type { TradingStateMachine } from './tradingState.ts';

export type TradingRequest =
  | 'ticket.preview' | 'ticket.submit' | 'positions.list' | 'positions.close' | 'journal.list' | 'journal.exportCsv' | 'journal.stats'
  | 'trading.state' | 'trading.reconcile' | 'trading.rearm' | 'trading.reduce' | 'killSwitch.engage' | 'risk.get' | 'risk.set';

export interface TradingDeskOptions {
  mode: Mode;
  venues: readonly VenueId[];
  store: Store;
  vault: Vault;
  market: MarketData;
  engine: EngineHandle;
  /** The simulator in Demo (and tests); undefined reaches the real venues. */
  baseUrl?: string;
  state: TradingStateMachine;
  settings: () => EngineSettings;
  publish: Publish;
  log: Logger;
  /** The venues' clock: the simulated one in Demo. */
  now: () => number;
  /** Kill-switch deadline (default 30 s). */
  killSwitchDeadlineMs?: number;
}

export interface TradingDesk {
  handlers: Pick<Handlers, TradingRequest>;
  /** The kill switch's hands: one per connected venue of the mode. */
  flatteners(): Flattener[];
  engageKillSwitch(reason: string): Promise<KillSwitchReport>;
  /**
   * Starts the settlement loop, opens the brokers and reconciles once (differences go out as
   * alerts); resolves when that first reconcile is done. Opening paper brokers reaches the
   * public venues, so the composition root need not wait for it.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createTradingDesk(options: TradingDeskOptions): Promise<TradingDesk> {
  const { store, state, now, publish } = options;
  let risk: RiskSettings = await store.settings.loadRisk().catch((error: unknown) => {
    options.log.warn('risk settings could not be read; defaults in force', { error });
    return RiskSettingsSchema.parse({});
  });
  let alertSeq = 0;
  const alert = (severity: Alert['severity'], message: string, venue: VenueId | null = null) => {
    alertSeq += 1;
    publish('alerts', [{ id: `trading-${now()}-${alertSeq}`, kind: 'trading', severity, at: now(), base: null, venue, message }]);
  };

  const quotes = () => options.market.quotes();
  const brokers = createDeskBrokers({ mode: options.mode, venues: options.venues, vault: options.vault, journal: store.journal, baseUrl: options.baseUrl, quotes, now,
    publicExchange: (venue) => options.market.publicExchange(venue) });
  const gateway = createGateway({ state, journal: store.journal, brokers: brokers.get, now, alert: (message) => alert('critical', message) });
  const book = createPositionBook({ journal: store.journal, brokers: brokers.get, quotes });
  const funding = createFundingJournaller(store.journal, now, (venue, error) => options.log.warn('funding history not read', { venue, error }));
  const exits = createExitMonitor({ positions: book, gateway, journal: store.journal, quotes, now, alert: (signal) => alert('warn', signal.message) });
  const ticketData = createTicketData(store, quotes, now);
  const tickets: TicketService = createTicketService({
    quotes,
    orderBook: (venue, symbol, depth) => brokers.get(venue).orderBook(symbol, depth),
    balances: (venue) => brokerBalance(brokers.get(venue)),
    // Tiers through the mode's broker: signed in Live, public (or the simulator's demo account) in Paper and Demo.
    marketInfo: cachedMarketInfo((venue, symbol) => brokers.get(venue).marketInfo(symbol), now),
    settings: () => ({ ...options.settings(), ...risk }),
    alignment: (base) => alignmentFromRows(options.engine.latest(), base),
    gateway,
    exposure: ticketData.exposure,
    recentRates: ticketData.recentRates,
    now,
  });

  const publishPositions = async () => publish('positions', await book.pairs());
  /**
   * Re-reads the venues: UNHEDGED pairs now flat or re-hedged are resolved, the rest
   * re-announced; pairs left flat by reduce-only orders (the kill switch) are journalled closed.
   */
  async function refreshPositions(reason = 'flat after reduce-only orders'): Promise<void> {
    for (const pairId of await resolveUnhedged({ journal: store.journal, brokers: brokers.get, quotes })) alert('info', `pair ${pairId}: no longer unhedged`);
    for (const pairId of await journalFlatPairs(store.journal, () => book.pairs(), reason)) alert('info', `pair ${pairId}: closed (${reason})`);
    await publishPositions();
  }

  async function settlementPass(): Promise<void> {
    for (const broker of brokers.paper()) broker.settleFunding();
    await funding.sync(brokers.connected());
    await exits.check();
    await refreshPositions();
  }
  let starting: Promise<void> = Promise.resolve();
  const loop = createSettlementLoop({ quotes, now, pass: settlementPass, onError: (error) => options.log.warn('settlement pass failed', { error }) });

  async function reconcileNow() {
    await brokers.connect();
    const differences = await reconcile({ journal: store.journal, brokers: brokers.connected() });
    for (const difference of differences) alert('critical', `reconcile: ${difference}`);
    return { checkedAt: now(), differences };
  }

  const flatteners = () => createFlatteners(brokers.connected(), gateway, store.journal, now);
  async function killSwitch(reason: string): Promise<KillSwitchReport> {
    const report = await engageKillSwitch({ state, flatteners, now, deadlineMs: options.killSwitchDeadlineMs }, reason);
    for (const venue of report.venues) {
      alert(venue.flat ? 'warn' : 'critical', `kill switch: ${venue.venue} ${venue.flat ? 'flat' : `NOT flat (${venue.error ?? 'unknown'})`}; ${venue.cancelledOrders} orders cancelled, ${venue.closedPositions} positions closed`, venue.venue);
    }
    await refreshPositions(`kill switch: ${reason}`).catch((error: unknown) => options.log.warn('positions not refreshed after the kill switch', { error }));
    return report;
  }

  const handlers: Pick<Handlers, TradingRequest> = {
    'ticket.preview': async (ticket) => {
      await brokers.connect();
      return tickets.preview(ticket);
    },
    'ticket.submit': async (ticket) => {
      await brokers.connect();
      const receipt = await tickets.submit(ticket);
      await publishPositions();
      return receipt;
    },
    'positions.list': async () => {
      // The paper ledgers are local: their settlements are journalled before every read.
      await funding.sync(brokers.paper());
      return book.pairs();
    },
    'positions.close': async ({ pairId }) => {
      await funding.sync(brokers.connected()); // settlements up to the close belong to the pair
      const result = await exits.closePair(pairId);
      await refreshPositions();
      return result;
    },
    'journal.list': (filter) => store.journal.list(filter),
    'journal.exportCsv': async (filter) => ({ text: await store.journal.toCsv(filter) }),
    'journal.stats': async () => store.journal.ledger.winRate(),
    'trading.state': async () => state.current,
    'trading.reconcile': reconcileNow,
    'trading.rearm': async () => state.transition('ACTIVE', 're-armed by hand', now()),
    'trading.reduce': async ({ reason }) => state.transition('REDUCING', reason ?? 'reducing set by hand', now()),
    'killSwitch.engage': ({ reason }) => killSwitch(reason ?? 'kill switch pressed'),
    'risk.get': async () => risk,
    'risk.set': async (patch) => {
      risk = await store.settings.saveRisk(RiskSettingsSchema.parse({ ...risk, ...patch }));
      return risk;
    },
  };

  return {
    handlers,
    flatteners,
    engageKillSwitch: killSwitch,
    start() {
      loop.start();
      starting = (async () => {
        await reconcileNow().catch((error: unknown) => alert('critical', `reconcile at start failed: ${error instanceof Error ? error.message : String(error)}`));
        await publishPositions().catch((error: unknown) => options.log.warn('positions not published at start', { error }));
      })();
      return starting;
    },
    async stop() {
      await loop.stop();
      await starting;
      await brokers.close();
    },
  };
}
