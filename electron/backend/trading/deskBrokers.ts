/**
 * The trading desk's brokers, one per venue, chosen by mode on one code path: Paper and Demo
 * get paper brokers (books from the live public venues, or from the simulator at `baseUrl` in
 * Demo), Live gets live brokers signed with the vault's key for the venue. Brokers are opened
 * on demand (`connect`) because a live key may be added, or the vault unlocked, after start;
 * the gateway then reads them synchronously. A paper account is rebuilt from the journal as it
 * opens, so Paper and Demo positions, wallet and funding ledger survive a restart. A venue without a broker is not tradable, and
 * `get` says why in words the preview and the refusal pass on.
 */
import type { Exchange } from 'ccxt';
import type { Mode } from '../../../shared/ipc/contract.ts';
import type { FundingQuote } from '../../../shared/domain/quotes.ts';
import { MONITORING_ONLY_VENUES, notTradableReason, type VenueId } from '../../../shared/domain/venues.ts';
import type { Vault } from '../vault/vault.ts';
import type { Journal } from './journal.ts';
import type { Broker } from './brokers/broker.ts';
import { createLiveBroker } from './brokers/live.ts';
import { createPaperBroker, type PaperBroker } from './brokers/paper.ts';

export interface DeskBrokerOptions {
  mode: Mode;
  venues: readonly VenueId[];
  vault: Vault;
  journal: Journal;
  baseUrl?: string;
  /** Demo: the simulator's built-in account, with which paper brokers may read the venues' signed terms (tiers). */
  /** Demo's built-in account per venue: a paper broker reads the venue's terms (fee tier, leverage) with it. */
  readCredentials?: (venue: VenueId) => { apiKey: string; secret: string; password?: string };
  quotes: () => readonly FundingQuote[];
  now: () => number;
  /** The market data's public exchange per venue, which paper brokers share (markets held once). */
  publicExchange?: (venue: VenueId) => Exchange;
  /** The perp fee rates in force per venue, which paper fills pay (see PaperBrokerOptions.perpFees). */
  perpFees?: (venue: VenueId) => { taker: number; maker: number };
  /** The Settings' spot borrow APR, which a paper spot short pays (see PaperBrokerOptions.spotBorrowApr). */
  spotBorrowApr?: () => number;
}

export interface DeskBrokers {
  /** Opens the brokers not open yet; a venue that cannot be opened keeps its reason. */
  connect(): Promise<void>;
  /** The venue's broker; throws naming the venue and why it is not tradable. */
  get(venue: VenueId): Broker;
  connected(): Broker[];
  /** The venues of this session not open, each with why (no key, account not opened). */
  unavailable(): Map<VenueId, string>;
  /** The paper brokers, whose funding ledgers settle on the desk's loop. */
  paper(): PaperBroker[];
  close(): Promise<void>;
}

export function createDeskBrokers(options: DeskBrokerOptions): DeskBrokers {
  const open = new Map<VenueId, Broker>();
  const paper: PaperBroker[] = [];
  const unavailable = new Map<VenueId, string>();
  const connection = { baseUrl: options.baseUrl };

  async function openOne(venue: VenueId): Promise<void> {
    if (MONITORING_ONLY_VENUES.has(venue)) {
      unavailable.set(venue, notTradableReason(venue));
      return;
    }
    if (options.mode !== 'live') {
      const exchange = options.publicExchange?.(venue);
      const readCredentials = options.mode === 'demo' ? options.readCredentials?.(venue) : undefined;
      const perpFees = options.perpFees && (() => options.perpFees!(venue));
      const broker = await createPaperBroker({ venue, connection, quotes: options.quotes, now: options.now, exchange, readCredentials, perpFees, spotBorrowApr: options.spotBorrowApr });
      broker.restore(options.journal.ledger.entries());
      await broker.restoreTerms();
      paper.push(broker);
      open.set(venue, broker);
      return;
    }
    const key = options.vault.list().find((entry) => entry.venue === venue);
    if (key === undefined) {
      unavailable.set(venue, `${venue} is not tradable in live mode: no API key in the vault for it`);
      return;
    }
    open.set(venue, await createLiveBroker({ venue, credentials: options.vault.credentials(venue, key.label), connection }));
  }

  let connecting: Promise<void> | null = null;
  async function connectAll(): Promise<void> {
    await Promise.all(options.venues.filter((venue) => !open.has(venue)).map(async (venue) => {
      try {
        unavailable.delete(venue);
        await openOne(venue);
      } catch (error) {
        // The vault's secrets never reach this text: venue errors carry the venue's answer only.
        unavailable.set(venue, `${venue} is not tradable: its account could not be opened (${error instanceof Error ? error.message : String(error)})`);
      }
    }));
  }

  return {
    connect() {
      // One connection attempt at a time: concurrent callers share it.
      connecting ??= connectAll().finally(() => { connecting = null; });
      return connecting;
    },
    get(venue) {
      const broker = open.get(venue);
      if (broker) return broker;
      throw new Error(unavailable.get(venue) ?? `${venue} is not tradable: it is not among this session's venues`);
    },
    connected: () => [...open.values()],
    unavailable: () => new Map(unavailable),
    paper: () => [...paper],
    async close() {
      await Promise.all([...open.values()].map((broker) => broker.close()));
      open.clear();
      paper.length = 0;
    },
  };
}
