import { mkdirSync } from 'node:fs';
import type { Handlers, Mode, Publish } from '../../shared/ipc/contract.ts';
import { composeHandlers } from '../../shared/ipc/composeHandlers.ts';
import { createDemoClockHandlers } from './demoClockHandlers.ts';
import { DEFAULT_SETTINGS, EngineSettingsSchema, venuesOn, type EngineSettings } from '../../shared/domain/settings.ts';
import { tiersOf } from '../../shared/domain/fees.ts';
import { VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';
import { startMarketFeed } from './marketFeed/marketFeed.ts';
import { CAPACITY_EVERY_MS, CAPACITY_FIRST_AFTER_MS, startCapacityBooks } from './markets/capacityBooks.ts';
import type { FollowedClock } from './marketFeed/sharedClock.ts';
import { startEngine } from './engineClient/engineClient.ts';
import { seedStoredCloses, storedSamplesLoader } from './engineClient/seedLoader.ts';
import { openStore, type OpenStoreOptions } from './store/duckdb.ts';
import { createHistoryHandlers } from './history/historyHandlers.ts';
import { TradingStateMachine } from './trading/tradingState.ts';
import { createTradingDesk, type ExitTiming } from './trading/tradingDesk.ts';
import { startDemoVenues, type DemoSimulatorOptions, type DemoVenues } from './demo.ts';
import { createVault } from './vault/vault.ts';
import type { Cipher } from './vault/cipher.ts';
import { createVaultHandlers } from './vault/vaultHandlers.ts';
import { createBacktestHandlers } from './backtest/backtestHandlers.ts';
import { createPatternHandlers } from './patterns/patternHandlers.ts';
import { createPatternService, effectiveSectorMap } from './patterns/patternService.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { join } from 'node:path';
import { createSectorHandlers } from './sectors/sectorHandlers.ts';
import { startPriceBackfill } from './sectors/priceBackfill.ts';
import { startSampleRetention } from './history/sampleRetention.ts';
import { startDecayRefresh } from './engineClient/decayRefresh.ts';
import { journalOf } from './trading/journal.ts';
import { groupingAlerts } from './streams/alertGroups.ts';
import type { StoreMemory } from './store/storeMemory.ts';
import type { WorkerHeap } from './engineClient/engineClient.ts';
import { capHeapGrowth } from './heapGrowth.ts';

export interface BackendOptions {
  mode: Mode;
  /** Folder for the database and settings (the user-data folder; a temp folder in tests). */
  dataDir: string;
  venues?: VenueId[];
  /** Where the venues are: undefined = the real ones; set by Demo mode and tests. */
  baseUrl?: string;
  wsBaseUrl?: string;
  /** Demo mode: the simulator's seed. */
  demoSeed?: number;
  /** Demo mode: further simulator options (tests pause its clock to step across settlements). */
  demoSimulatorOptions?: DemoSimulatorOptions;
  /** Kill-switch deadline (default 30 s). */
  killSwitchDeadlineMs?: number;
  /** First pause between the kill switch's background retries (default 10 s). */
  killSwitchRetryMs?: number;
  /** Speeds up polling in tests (0.1 = ten times more often). */
  pollScale?: number;
  /** Exit check cadence and close retry pauses (tests shorten them; docs/exits.md). */
  exitTiming?: ExitTiming;
  /** The built engine worker (Electron bundle); the TypeScript source is used otherwise. */
  engineWorkerUrl?: URL;
  /** The built one-shot study worker (Electron bundle); the TypeScript source is used otherwise. */
  studyWorkerUrl?: URL;
  /** The built market-data worker (Electron bundle); the TypeScript source is used otherwise. */
  marketWorkerUrl?: URL;
  version?: string;
  publish: Publish;
  /** The OS-keyring cipher (Electron safeStorage) when one backs the vault; null: passphrase. */
  systemCipher?: Cipher | null;
  /** Where log lines go, already redacted of every secret the vault holds. */
  logSink?: (line: string) => void;
  /** A simulator's clock the backend and its venues run on (tests); real time when absent, Demo's simulator in Demo. */
  clock?: FollowedClock;
  /** Asked when the database file is damaged at start: true sets it aside and starts fresh (see openStore). */
  onDamagedStore?: OpenStoreOptions['onDamaged'];
}

export interface Backend {
  handlers: Handlers;
  mode: Mode;
  /** The in-process simulator in Demo mode (tests inject faults through it). */
  demo: DemoVenues | null;
  log: Logger;
  /** Where a damaged database was set aside at this start (the trader said so); null otherwise. */
  storeSetAside: string | null;
  engageKillSwitch(reason: string): ReturnType<Handlers['killSwitch.engage']>;
  /** What the store and the engine worker hold in memory (the bench's breakdown; docs/architecture.md, "Memory"). */
  memory(): Promise<{ store: StoreMemory; engineWorker: WorkerHeap | null; marketWorker: WorkerHeap | null }>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every backend service and returns the contract's handlers.
 * It holds no logic of its own beyond wiring; each service lives in its own module.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  capHeapGrowth(); // before the workers start: they take V8's flags as they are then
  const now = options.clock ? () => options.clock!.now() : Date.now;
  const venues = options.venues ?? [...VENUE_IDS];
  const startedAt = now();
  mkdirSync(options.dataDir, { recursive: true });
  const vault = createVault({ path: join(options.dataDir, 'vault.json'), systemCipher: options.systemCipher ?? null, now });
  const log = createLogger({ sink: options.logSink ?? (() => {}), secrets: () => vault.secretValues(), now });

  const demo = options.mode === 'demo' ? await startDemoVenues({ seed: options.demoSeed ?? 7, venues, simulator: options.demoSimulatorOptions }) : null;
  // The venues' clock: in Demo the simulator's (real time unless a test pauses it).
  const venueClock = demo?.simulator.clock ?? options.clock;
  const venueNow = venueClock ? () => venueClock.now() : Date.now;
  // Every service's alerts are grouped once, here, so every window and notifier sees the same ones.
  const publish = groupingAlerts(options.publish);
  const baseUrl = demo?.url ?? options.baseUrl;
  const wsBaseUrl = demo?.wsUrl ?? options.wsBaseUrl;

  const store = await openStore(options.dataDir, { onDamaged: options.onDamagedStore });
  if (store.setAside !== null) log.warn('the damaged database was set aside and a fresh one started', { setAside: store.setAside, path: store.path });
  let settings: EngineSettings = await store.settings.load().catch((err: unknown) => {
    log.warn('settings could not be read; defaults in force', { error: err });
    return DEFAULT_SETTINGS;
  });

  // Restored from the journal: HALTED or REDUCING left by the previous run holds until changed by hand.
  const trading = new TradingStateMachine(venueNow(), (state) => publish('tradingState', state), journalOf(store));

  const engine = startEngine({
    settings,
    workerUrl: options.engineWorkerUrl,
    now: venueNow,
    onSignals: (batch) => publish('signals', batch),
    onAlerts: (alerts) => publish('alerts', alerts),
    onError: (message) => log.error('engine', { message }),
    onSectors: (snapshot) => publish('sectors', snapshot),
    // The worker rebuilds its history from the store first; quotes wait for it.
    loadSamples: storedSamplesLoader({ store, log, now: venueNow }),
  });
  await seedStoredCloses({ store, engine, log, now: venueNow });

  // A venue the trader switched off is not opened at all (docs/venues.md, "Venue choice").
  // Polls, streams and ccxt's parsing run in the market-data worker; main keeps a mirror of the quotes.
  const market = startMarketFeed({
    venues: venuesOn(venues, settings),
    baseUrl,
    wsBaseUrl,
    clock: venueClock,
    workerUrl: options.marketWorkerUrl,
    pollScale: options.pollScale,
    onQuotes: (changed) => {
      publish('quotes', changed);
      store.quoteSamples.record(changed).catch((err: unknown) => log.warn('quote samples not stored', { error: err }));
    },
    // The engine sees every polled quote: an unchanged rate re-confirmed by its venue is fresh.
    onPolled: (all) => engine.pushQuotes(all),
    onHealth: (health) => publish('health', health),
    onAlert: (alerts) => publish('alerts', alerts),
    onError: (message) => log.error('market data', { message }),
  });
  market.start();

  // The top rows' books, read through the market-data worker's public exchanges (docs/domain.md §4 "Capacity").
  const pollScale = options.pollScale ?? 1;
  const capacity = startCapacityBooks({
    rows: () => engine.latest().upserts,
    orderBook: (venue, symbol, limit) => market.orderBook(venue, symbol, limit),
    impactBps: () => settings.capacityImpactBps,
    publish: (snapshot) => publish('capacity', snapshot),
    now: venueNow,
    onError: (error) => log.warn('capacity pass failed', { error }),
    firstAfterMs: CAPACITY_FIRST_AFTER_MS * pollScale,
    everyMs: CAPACITY_EVERY_MS * pollScale,
  });

  const sectorHandlers = await createSectorHandlers({ store, liveBases: () => market.quotes().map((quote) => quote.base), engine });
  const priceBackfill = startPriceBackfill({
    quotes: () => market.quotes(),
    priceHistory: (venue, symbol, since, timeframe) => market.priceHistory(venue, symbol, since, timeframe),
    store,
    seed: (prices) => engine.seedPrices(prices),
    log,
    now,
  });

  const sampleRetention = startSampleRetention({ samples: store.quoteSamples, log, now: venueNow });
  const decays = startDecayRefresh({ history: store.history, engine, log, now: venueNow });

  const desk = await createTradingDesk({
    mode: options.mode, venues, store, vault, market, engine, baseUrl, readCredentials: demo?.readCredentials, state: trading, settings: () => settings,
    publish, log, now: venueNow, killSwitchDeadlineMs: options.killSwitchDeadlineMs,
    killSwitchRetryMs: options.killSwitchRetryMs,
    exitTiming: options.exitTiming, decays: () => decays.table(),
    // The monitor counts the fees in force: an account's tier once read, else Settings, else the default.
    onAccountFees: () => engine.setSettings(engineSettings()),
  });
  const engineSettings = (): EngineSettings => ({ ...settings, fees: tiersOf(desk.feeSchedule()) });
  // Not awaited: opening the venues' accounts may take the network's time; requests wait for it themselves.
  desk.start().catch((err: unknown) => log.error('trading desk did not start', { error: err }));

  const patterns = createPatternService({ history: store.history, sectorMap: effectiveSectorMap(store.sectorMap), workerUrl: options.studyWorkerUrl, now });
  const appHandlers = {
    'app.info': async () => ({
      name: 'Funding Terminal',
      version: options.version ?? '0.0.0',
      mode: options.mode,
      dataDir: options.dataDir,
      venues,
      startedAt,
    }),
    'markets.snapshot': async () => ({ quotes: market.quotes(), health: market.health(), signals: engine.latest() }),
    'markets.capacity': async () => capacity.latest(),
    'settings.get': async () => settings,
    'settings.set': async (patch) => {
      settings = EngineSettingsSchema.parse({ ...settings, ...patch });
      await store.settings.save(settings);
      engine.setSettings(engineSettings());
      await market.setVenues(venuesOn(venues, settings));
      return settings;
    },
  } satisfies Partial<Handlers>;
  const handlers: Handlers = composeHandlers(
    appHandlers,
    createHistoryHandlers({ store, market, log, now }),
    desk.handlers,
    createVaultHandlers(vault, { baseUrlFor: () => baseUrl, log }),
    createPatternHandlers(patterns, store),
    createBacktestHandlers(store, options.publish),
    sectorHandlers,
    createDemoClockHandlers(demo, publish),
  );

  return {
    handlers,
    mode: options.mode,
    demo,
    log,
    storeSetAside: store.setAside,
    engageKillSwitch: (reason) => desk.engageKillSwitch(reason),
    memory: async () => ({ store: await store.memory(), engineWorker: await engine.heap(), marketWorker: await market.heap() }),
    async stop() {
      await desk.stop();
      await priceBackfill.stop();
      await sampleRetention.stop();
      await decays.stop();
      await capacity.stop();
      await market.stop();
      await engine.stop();
      await patterns.stop();
      await store.close();
      await demo?.close();
    },
  };
}
