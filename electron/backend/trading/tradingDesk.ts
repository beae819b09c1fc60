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
import { DEFAULT_RISK_SETTINGS, RiskSettingsSchema, type RiskSettings } from '../../../shared/domain/ticket.ts';
import { MONITORING_ONLY_VENUES, VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';
import { retryText, venueVerdict } from '../../../shared/domain/killSwitchWords.ts';
import { restoredStateText, type Handlers, type KillSwitchReport, type Mode, type Publish } from '../../../shared/ipc/contract.ts';
import type { EngineHandle } from '../engineClient/engineClient.ts';
import type { Logger } from '../log/logger.ts';
import type { MarketData } from '../markets/marketData.ts';
import type { Store } from '../store/duckdb.ts';
import type { Vault } from '../vault/vault.ts';
import { storeFaultWords } from '../store/storeFaults.ts';
import { createDeskBrokers } from './deskBrokers.ts';
import { createAccountFeeReader } from './accountFees.ts';
import { feeSchedule, type VenueFees } from '../../../shared/domain/fees.ts';
import { alignmentFromRows, brokerBalance, createTicketData } from './deskTicketData.ts';
import { portfolioOf, type VenueBalanceRead } from '../../../shared/risk/portfolio.ts';
import { createExitMonitor } from './exitMonitor.ts';
import type { Broker } from './brokers/broker.ts';
import { createFlattener } from './flatteners.ts';
import { createPairCloser } from './pairCloser.ts';
import { createFundingJournaller } from './fundingJournal.ts';
import { createGateway } from './gateway.ts';
import { restoreApproved } from './holdingRestore.ts';
import { createHoldingWatch } from './holdingWatch.ts';
import { journalFlatPairs } from './pairClosing.ts';
import type { Flattener, KillSwitchTarget } from './killSwitch.ts';
import { createKillSwitch } from './killSwitchRetries.ts';
import { journalHolds, positionKey } from './journal.ts';
import { markInterruptedPairs } from './interruptedPairs.ts';
import { FundingPaidWatch, pairBase, type AlertAbout } from './positionAlerts.ts';
import { createPositionBook, resolveUnhedged } from './positions.ts';
import { reconcile } from './reconcile.ts';
import { createPassLoop, createSettlementLoop } from './settlementLoop.ts';
import { createTicketService, type TicketService } from './ticketService.ts';
import { cachedMarketInfo } from './venueMarket.ts';
import { ticketDecay, type DecayTable } from '../../engine/pairDecay.ts';
import type { TradingStateMachine } from './tradingState.ts';
import { journalOf } from './journal.ts';

export type TradingRequest =
  | 'ticket.preview' | 'ticket.submit' | 'positions.list' | 'positions.close' | 'positions.restore' | 'portfolio.summary' | 'journal.list' | 'journal.exportCsv' | 'journal.stats'
  | 'trading.state' | 'trading.reconcile' | 'trading.rearm' | 'trading.reduce' | 'killSwitch.engage' | 'killSwitch.status' | 'risk.get' | 'risk.set'
  | 'fees.schedule';

export interface TradingDeskOptions {
  mode: Mode;
  venues: readonly VenueId[];
  store: Store;
  vault: Vault;
  /**
   * The quotes, and the public exchanges the paper brokers may share (a backtest's feed). The
   * live market data runs in its worker and shares none: the paper brokers open their own.
   */
  market: Pick<MarketData, 'quotes'> & Partial<Pick<MarketData, 'publicExchange'>>;
  /** The engine's latest rows, for the ticket's alignment item. */
  engine: Pick<EngineHandle, 'latest'>;
  /** The simulator in Demo (and tests); undefined reaches the real venues. */
  baseUrl?: string;
  /** Demo: the simulator's built-in account, for the paper brokers' signed reads (tiers). */
  readCredentials?: (venue: VenueId) => { apiKey: string; secret: string; password?: string };
  state: TradingStateMachine;
  settings: () => EngineSettings;
  publish: Publish;
  log: Logger;
  /** The venues' clock: the simulated one in Demo. */
  now: () => number;
  /** Kill-switch deadline (default 30 s). */
  killSwitchDeadlineMs?: number;
  /** First pause between the kill switch's background retries after its deadline (default 10 s). */
  killSwitchRetryMs?: number;
  /** How often exits are checked (default 5 s) and the pauses between an exit's close attempts (docs/exits.md). */
  exitTiming?: ExitTiming;
  /** Spread decay fits per base and venue pair, the engine's (docs/domain.md §1); none: the default decay. */
  decays?: () => DecayTable;
  /** Called when an account's fee tier was read anew (the monitor's costs follow it). */
  onAccountFees?: () => void;
}

export interface ExitTiming {
  checkMs?: number;
  retryDelaysMs?: readonly number[];
}

/**
 * Exits are checked every 5 s: as often as the fastest venues' quotes (and so the marks a
 * check reads) refresh, where the settlement loop's 30 s would let a basis stop overshoot.
 */
export const EXIT_CHECK_MS = 5_000;

export interface TradingDesk {
  handlers: Pick<Handlers, TradingRequest>;
  engageKillSwitch(reason: string): Promise<KillSwitchReport>;
  /**
   * Starts the settlement loop, opens the brokers and reconciles once (differences go out as
   * alerts); resolves when that first reconcile is done. Opening paper brokers reaches the
   * public venues, so the composition root need not wait for it.
   */
  start(): Promise<void>;
  /**
   * One settlement pass then one exit pass, now, instead of on the desk's loops: for a caller
   * that moves the clock itself (the backtest, docs/domain.md §7), which never calls `start`.
   */
  runPasses(): Promise<void>;
  /** The fees in force per venue with their sources: the accounts' tiers read so far, Settings, the defaults. */
  feeSchedule(): VenueFees[];
  stop(): Promise<void>;
}

export async function createTradingDesk(options: TradingDeskOptions): Promise<TradingDesk> {
  const { store, state, now, publish } = options;
  let risk: RiskSettings = await store.settings.loadRisk().catch((error: unknown) => {
    options.log.warn('risk settings could not be read; defaults in force', { error });
    return { ...DEFAULT_RISK_SETTINGS };
  });
  let alertSeq = 0;
  /** The desk's alerts are of kind `trading` unless `about` says otherwise (`position`: docs/exits.md). */
  const alert = (severity: Alert['severity'], message: string, about: AlertAbout = {}) => {
    alertSeq += 1;
    const { kind = 'trading', base = null, venue = null, condition } = about;
    publish('alerts', [{ id: `${kind}-${now()}-${alertSeq}`, kind, severity, at: now(), base, venue, message, ...(condition ? { condition } : {}) }]);
  };

  // Before any order can be sent: a pair the last run left between its legs is UNHEDGED.
  for (const pair of await markInterruptedPairs(journalOf(store), now())) alert('critical', `UNHEDGED: pair ${pair.pairId}: ${pair.reason}`);

  const quotes = () => options.market.quotes();
  const brokers = createDeskBrokers({ mode: options.mode, venues: options.venues, vault: options.vault, journal: journalOf(store), baseUrl: options.baseUrl, readCredentials: options.readCredentials, quotes, now,
    publicExchange: options.market.publicExchange,
    // Paper fills pay the rates the preview counts: read at order time, so a tier read later applies.
    perpFees: (venue) => {
      const fees = feeScheduleNow().find((fee) => fee.venue === venue)!;
      return { taker: fees.taker.rate, maker: fees.maker.rate };
    },
    spotBorrowApr: () => risk.spotBorrowApr });
  const gateway = createGateway({ state, journal: journalOf(store), brokers: brokers.get, now, alert: (message) => alert('critical', message) });
  // Every read of the venues' positions is judged against the journal (docs/units.md, "Checked at run time").
  const watch = createHoldingWatch({ journal: journalOf(store), brokers: brokers.get, state, now, alert: (severity, message) => alert(severity, message) });
  const book = createPositionBook({ journal: journalOf(store), brokers: brokers.get, quotes, watch });
  const fundingPaid = new FundingPaidWatch();
  const baseOfPair = (pairId: string) => pairBase(journalOf(store).ledger.pair(pairId)?.legs ?? [], new Map(quotes().map((q) => [positionKey(q.venue, q.symbol), q])));
  const funding = createFundingJournaller(journalOf(store), now, (venue, error) => options.log.warn('funding history not read', { venue, error }),
    (payments) => { for (const paid of fundingPaid.alerts(payments, baseOfPair)) alert(paid.severity, paid.message, paid.about); });
  const closer = createPairCloser({ pairs: () => book.pairs(), gateway, journal: journalOf(store) });
  const exits = createExitMonitor({
    pairs: () => book.pairs(), closer, journal: journalOf(store), quotes, now, alert,
    retry: { delaysMs: options.exitTiming?.retryDelaysMs },
  });
  const ticketData = createTicketData(store, quotes, now);
  const accountFees = createAccountFeeReader({
    brokers: () => brokers.connected(), now,
    onError: (venue, error) => options.log.warn('account fee tier not read; Settings or the venue default stands', { venue, error }),
    onChange: () => options.onAccountFees?.(),
  });
  const feeScheduleNow = () => feeSchedule(options.settings().fees, accountFees.current());
  const tickets: TicketService = createTicketService({
    quotes,
    orderBook: (venue, symbol, depth) => brokers.get(venue).orderBook(symbol, depth),
    units: (venue, symbol) => brokers.get(venue).units(symbol),
    balances: (venue) => brokerBalance(brokers.get(venue)),
    // Tiers through the mode's broker: signed in Live, public (or the simulator's demo account) in Paper and Demo.
    marketInfo: cachedMarketInfo((venue, symbol) => brokers.get(venue).marketInfo(symbol), now),
    accountMarginMode: (venue, symbol) => brokers.get(venue).accountMarginMode(symbol),
    settings: () => ({ ...options.settings(), ...risk }),
    alignment: (base) => alignmentFromRows(options.engine.latest(), base),
    gateway,
    exposure: ticketData.exposure,
    recentRates: ticketData.recentRates,
    volatility: ticketData.recentVolatility,
    decay: (ticket) => ticketDecay(options.decays?.() ?? new Map(), ticket),
    fees: feeScheduleNow,
    ledger: { pairs: () => journalOf(store).ledger.pairs() },
    now,
  });

  const publishPositions = async () => publish('positions', await exits.pairs());

  /**
   * Writes what the journal holds in memory (entries it could not write, a full disk) and says
   * so once when it starts holding and once when it has caught up.
   */
  let journalHolding = false;
  async function watchJournal(): Promise<void> {
    const remaining = await journalOf(store).flush();
    if (remaining > 0 && !journalHolding) {
      alert('critical', `the journal could not be written: ${storeFaultWords(journalOf(store).backlog().error)} — ${remaining} ${remaining === 1 ? 'entry is' : 'entries are'} held in memory (orders, answers, closes already done at the venues) and written as soon as the store can write; opening tickets are refused meanwhile, closes and the kill switch still work; keep the terminal running`);
    }
    if (remaining === 0 && journalHolding) alert('info', 'the journal has caught up: every entry held in memory is written');
    journalHolding = remaining > 0;
  }
  /**
   * Re-reads the venues: UNHEDGED pairs now flat or re-hedged are resolved, the rest
   * re-announced; pairs left flat by reduce-only orders (the kill switch) are journalled closed.
   */
  async function refreshPositions(reason = 'flat after reduce-only orders'): Promise<void> {
    await watchJournal();
    for (const pairId of await resolveUnhedged({ journal: journalOf(store), brokers: brokers.get, quotes })) alert('info', `pair ${pairId}: no longer unhedged`);
    for (const pairId of await journalFlatPairs(journalOf(store), () => book.pairs(), reason)) alert('info', `pair ${pairId}: closed (${reason})`);
    await publishPositions();
  }

  async function settlementPass(): Promise<void> {
    for (const broker of brokers.paper()) broker.settleFunding();
    await funding.sync(brokers.connected());
    await refreshPositions();
  }
  /** Exits act on their own loop; the positions stream gets the distances of the armed exits each time. */
  async function exitPass(): Promise<void> {
    const live = journalOf(store).ledger.pairs().some((record) => record.status === 'open' || record.status === 'unhedged');
    if (!live) return; // nothing to watch: no venue is asked for positions
    // A live key unlocked after start opens its venue here too: exits run without a trader's request.
    await brokers.connect();
    const { fired, pairs } = await exits.check();
    if (fired.some((signal) => signal.action === 'close')) await refreshPositions('closed by an exit');
    else if (pairs.some((pair) => pair.status === 'open' || pair.status === 'unhedged')) publish('positions', pairs);
  }
  let starting: Promise<void> = Promise.resolve();
  const loop = createSettlementLoop({ quotes, now, pass: settlementPass, onError: (error) => options.log.warn('settlement pass failed', { error }) });
  const exitLoop = createPassLoop({
    delayMs: () => options.exitTiming?.checkMs ?? EXIT_CHECK_MS, pass: exitPass, onError: (error) => options.log.warn('exit check failed', { error }),
  });

  /**
   * Every venue the kill switch, reconciliation and the positions answer for: the open ones,
   * those the journal holds legs on, and in Live those the vault has a key for, reachable or not.
   */
  async function knownVenues(): Promise<VenueId[]> {
    const held = journalHolds(journalOf(store).ledger.expectation());
    let keyed: VenueId[] = [];
    try {
      // A key stored for a monitoring-only venue opens nothing: the terminal holds nothing there to flatten or reconcile.
      if (options.mode === 'live') keyed = options.vault.list().map((key) => key.venue).filter((venue) => !MONITORING_ONLY_VENUES.has(venue));
    } catch {
      // A locked vault names no venue; the journal's venues still count.
    }
    const known = new Set<VenueId>([...brokers.connected().map((broker) => broker.venue), ...held.keys(), ...keyed]);
    return VENUE_IDS.filter((venue) => known.has(venue));
  }

  /** The known venues not open now, each with why. */
  async function unreachableVenues(): Promise<Map<VenueId, string>> {
    const open = new Set(brokers.connected().map((broker) => broker.venue));
    const why = brokers.unavailable();
    return new Map((await knownVenues()).filter((venue) => !open.has(venue))
      .map((venue) => [venue, why.get(venue) ?? `${venue} is not tradable: it is not among this session's venues`]));
  }

  async function reconcileNow() {
    await brokers.connect();
    const differences = await reconcile({ journal: journalOf(store), brokers: brokers.connected(), unreachable: await unreachableVenues() });
    for (const difference of differences) alert('critical', `reconcile: ${difference}`);
    return { checkedAt: now(), differences };
  }

  // One flattener per broker for the session: its attempt count keeps each close's client id fresh.
  const flatteners = new Map<Broker, Flattener>();
  const killSwitchTarget = (venue: VenueId): KillSwitchTarget => ({
    venue,
    async open() {
      // An open venue is flattened at once; only a venue not open waits for the (shared) connection attempt.
      if (!brokers.connected().some((broker) => broker.venue === venue)) await brokers.connect();
      const broker = brokers.get(venue);
      let flattener = flatteners.get(broker);
      if (flattener === undefined) flatteners.set(broker, flattener = createFlattener({ venue, broker, gateway, journal: journalOf(store), now }));
      return flattener;
    },
  });

  let flatAlerted = new Set<VenueId>();
  async function reportKillSwitch(report: KillSwitchReport): Promise<void> {
    publish('killSwitch', report);
    const atPress = report.retry.attempts === 0 && report.retry.endedBy === null;
    for (const row of report.venues) {
      if (atPress) alert(row.flat ? 'warn' : 'critical', `kill switch: ${venueVerdict(row, row.flat ? undefined : report.deadlineMs)}`, { venue: row.venue });
      else if (row.flat && !flatAlerted.has(row.venue)) alert('warn', `kill switch, background retry ${report.retry.attempts}: ${venueVerdict(row)}`, { venue: row.venue });
    }
    flatAlerted = new Set(report.venues.filter((row) => row.flat).map((row) => row.venue));
    const retry = retryText(report, Date.now());
    if (retry !== null && (atPress || report.retry.endedBy !== null)) alert(report.retry.endedBy === 'flat' ? 'info' : 'critical', `kill switch: ${retry}`);
    await refreshPositions(`kill switch: ${report.state.reason ?? 'pressed'}`).catch((error: unknown) => options.log.warn('positions not refreshed after the kill switch', { error }));
  }
  const killSwitch = createKillSwitch({
    state, now, deadlineMs: options.killSwitchDeadlineMs, retryMs: options.killSwitchRetryMs,
    targets: async () => (await knownVenues()).map(killSwitchTarget),
    journalHolds: async () => journalHolds(journalOf(store).ledger.expectation()),
    onReport: reportKillSwitch,
    onError: (error) => options.log.warn('kill switch background retry failed', { error }),
  });

  const handlers: Pick<Handlers, TradingRequest> = {
    'ticket.preview': async (ticket) => {
      await brokers.connect();
      await accountFees.refresh();
      return tickets.preview(ticket);
    },
    'ticket.submit': async (ticket) => {
      await brokers.connect();
      const receipt = await tickets.submit(ticket);
      await watchJournal();
      await publishPositions();
      return receipt;
    },
    'positions.list': async () => {
      // The paper ledgers are local: their settlements are journalled before every read.
      await funding.sync(brokers.paper());
      return exits.pairs();
    },
    'positions.close': async ({ pairId }) => {
      await funding.sync(brokers.connected()); // settlements up to the close belong to the pair
      const { result } = await closer.close(pairId, 'closed by hand');
      await refreshPositions();
      return result;
    },
    'positions.restore': async (request) => {
      await brokers.connect();
      const result = await restoreApproved({ journal: journalOf(store), gateway, watch, now }, request);
      await refreshPositions();
      return result;
    },
    'portfolio.summary': async () => {
      await funding.sync(brokers.paper());
      // A monitoring-only venue holds no account here: listing it read "not read" beside every real one.
      const traded = options.venues.filter((venue) => !MONITORING_ONLY_VENUES.has(venue));
      const balances = await Promise.all(traded.map(async (venue): Promise<VenueBalanceRead> => {
        try {
          return { venue, ...(await brokerBalance(brokers.get(venue))) };
        } catch (error) {
          return { venue, error: error instanceof Error ? error.message : String(error) };
        }
      }));
      return portfolioOf({ now: now(), pairs: await exits.pairs(), balances, fundingSince: (since) => journalOf(store).ledger.fundingSince(since) });
    },
    'journal.list': (filter) => journalOf(store).list(filter),
    'journal.exportCsv': async (filter) => ({ text: await journalOf(store).toCsv(filter) }),
    'journal.stats': async () => journalOf(store).ledger.winRate(),
    'trading.state': async () => state.current,
    'trading.reconcile': reconcileNow,
    'trading.rearm': async () => {
      const next = await state.transition('ACTIVE', 're-armed by hand', now());
      // Re-arming (once journalled) ends the kill switch's background retries; the attempt in flight finishes on its own.
      killSwitch.stop('re-armed').catch((error: unknown) => options.log.warn('kill switch retries not stopped cleanly', { error }));
      return next;
    },
    'trading.reduce': async ({ reason }) => state.transition('REDUCING', reason ?? 'reducing set by hand', now()),
    'killSwitch.engage': ({ reason }) => killSwitch.engage(reason ?? 'kill switch pressed'),
    'killSwitch.status': async () => killSwitch.current(),
    'fees.schedule': async () => {
      // A key added or a vault unlocked since start opens its venue here, so its tier can be read.
      await brokers.connect();
      await accountFees.refresh();
      return feeScheduleNow();
    },
    'risk.get': async () => risk,
    'risk.set': async (patch) => {
      risk = await store.settings.saveRisk(RiskSettingsSchema.parse({ ...risk, ...patch }));
      return risk;
    },
  };

  return {
    handlers,
    engageKillSwitch: (reason) => killSwitch.engage(reason),
    start() {
      loop.start();
      exitLoop.start();
      const restored = restoredStateText(state.current);
      if (restored !== null) {
        alert('critical', `trading ${restored}: re-arm by hand to trade again`);
        publish('tradingState', state.current);
      }
      starting = (async () => {
        await reconcileNow().catch((error: unknown) => alert('critical', `reconcile at start failed: ${error instanceof Error ? error.message : String(error)}`));
        // Positions first: what the account holds must not wait on the venues' fee endpoints.
        await publishPositions().catch((error: unknown) => options.log.warn('positions not published at start', { error }));
        await accountFees.refresh();
      })();
      return starting;
    },
    feeSchedule: feeScheduleNow,
    async runPasses() {
      await settlementPass();
      await exitPass();
    },
    async stop() {
      await killSwitch.stop('stopped');
      await loop.stop();
      await exitLoop.stop();
      await starting;
      const unwritten = await journalOf(store).flush();
      if (unwritten > 0) {
        options.log.error('the journal could not write every entry before stopping: these are not on disk; check the venues against them', { entries: journalOf(store).backlog().entries });
      }
      await brokers.close();
    },
  };
}
