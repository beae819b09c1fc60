/** A simulator with four venues and a live (Demo) broker per venue, reached through ccxt. */
import ccxt from 'ccxt';
import { startSimulator, type Simulator } from '../../../electron/simulator/server.ts';
import { DEMO_CREDENTIAL } from '../../../electron/simulator/credentials.ts';
import { createLiveBroker } from '../../../electron/backend/trading/brokers/live.ts';
import { createPaperBroker, type PaperBroker } from '../../../electron/backend/trading/brokers/paper.ts';
import type { Broker } from '../../../electron/backend/trading/brokers/broker.ts';
import { createGateway, type Gateway } from '../../../electron/backend/trading/gateway.ts';
import { journalOf } from '../../../electron/backend/trading/journal.ts';
import { TradingStateMachine } from '../../../electron/backend/trading/tradingState.ts';
import type { Store } from '../../../electron/backend/store/duckdb.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { WALLET_VENUES } from '../../../shared/domain/venues.ts';
import { START_TIME } from '../simulator/simulatorClients.ts';

export const HL_KEY = `0x${'4c'.repeat(32)}`;
/** The test wallet of the Aster account (a published test key, never a real one). */
export const ASTER_KEY = `0x${'a5'.repeat(32)}`;
/**
 * The test wallet of the Paradex account (a published test key, never a real one) and the
 * StarkNet account ccxt derives from it under the simulator's system config: onboarding
 * registers that account's address and public key, so the simulator's credential is those
 * (paradexWire.test.ts checks ccxt still derives them).
 */
export const PARADEX_KEY = `0x${'9a'.repeat(32)}`;
export const PARADEX_ACCOUNT = {
  address: '0x74511f690654f53f5959ce45e51ce0e12c51663c05e8310cc2daa1fc2ca3373',
  publicKey: '0x26dbddd698f7344cba3462ea8455287260ef57d6a486d659a83199efc6b6769',
} as const;
export const TRADING_VENUES = ['binanceusdm', 'bybit', 'okx', 'hyperliquid'] as const satisfies readonly VenueId[];

export const SYMBOLS: Record<(typeof TRADING_VENUES)[number], string> = {
  binanceusdm: 'BTC/USDT:USDT', bybit: 'BTC/USDT:USDT', okx: 'BTC/USDT:USDT', hyperliquid: 'BTC/USDC:USDC',
};

export function credentialsFor(venue: VenueId): { apiKey: string; secret: string; password?: string } {
  if (venue === 'hyperliquid') return { apiKey: new ccxt.hyperliquid().ethGetAddressFromPrivateKey(HL_KEY), secret: HL_KEY };
  if (venue === 'aster') return { apiKey: new ccxt.aster().ethGetAddressFromPrivateKey(ASTER_KEY), secret: ASTER_KEY };
  if (venue === 'paradex') return { apiKey: new ccxt.paradex().ethGetAddressFromPrivateKey(PARADEX_KEY), secret: PARADEX_KEY };
  return { ...DEMO_CREDENTIAL };
}

/** The key the simulator keeps the venue's test account under: Paradex's is the onboarded StarkNet address, the others' the credential's key. */
export function simAccountKey(venue: VenueId): string {
  return venue === 'paradex' ? PARADEX_ACCOUNT.address : credentialsFor(venue).apiKey;
}

export async function startTradingSimulator(universeSize = 20, venues: readonly VenueId[] = TRADING_VENUES, seed = 11): Promise<Simulator> {
  const sim = await startSimulator({ seed, paused: true, startTime: START_TIME, venues: [...venues], universeSize, initialBalance: 100_000 });
  addWalletAccounts(sim, venues);
  return sim;
}

/** Registers Paradex's onboarded StarkNet account (its address and public key) when `venues` has Paradex. */
export function addParadexAccount(sim: Simulator, venues: readonly VenueId[]): void {
  if (venues.includes('paradex')) sim.credentials.add({ venue: 'paradex', apiKey: PARADEX_ACCOUNT.address, secret: PARADEX_ACCOUNT.publicKey });
}

/** Registers the test wallets of the wallet venues (Hyperliquid, Aster) among `venues`, and Paradex's onboarded StarkNet account. */
export function addWalletAccounts(sim: Simulator, venues: readonly VenueId[]): void {
  addParadexAccount(sim, venues);
  for (const venue of venues.filter((v) => WALLET_VENUES.has(v))) {
    const wallet = credentialsFor(venue);
    sim.credentials.add({ venue, apiKey: wallet.apiKey, secret: wallet.secret });
  }
}

export async function liveBrokers(sim: Simulator, timeoutMs = 1_000, venues: readonly VenueId[] = TRADING_VENUES): Promise<Map<VenueId, Broker>> {
  const brokers = new Map<VenueId, Broker>();
  for (const venue of venues) {
    brokers.set(venue, await createLiveBroker({ venue, credentials: credentialsFor(venue), connection: { baseUrl: sim.url, timeoutMs } }));
  }
  return brokers;
}

/** A paper broker per venue over the simulator, valued at `quotes`, in venue order. */
export async function paperBrokers(sim: Simulator, venues: readonly VenueId[], quotes: () => FundingQuote[]): Promise<PaperBroker[]> {
  return Promise.all(venues.map((venue) => createPaperBroker({ venue, connection: { baseUrl: sim.url }, quotes, now: () => sim.clock.now() })));
}

/** The gateway over `brokers` on the simulator's clock, journalling to `store`, with its trading state. */
export function pairGateway(sim: Simulator, store: Store, brokers: ReadonlyMap<VenueId, Broker>): { gateway: Gateway; state: TradingStateMachine } {
  const now = () => sim.clock.now();
  const state = new TradingStateMachine(now(), () => undefined);
  return { state, gateway: createGateway({ state, journal: journalOf(store), brokers: (venue) => brokers.get(venue)!, now, alert: () => undefined, lookupDelaysMs: [0, 300, 600] }) };
}
