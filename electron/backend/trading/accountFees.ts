/**
 * The account's own fee tier, read from each venue where a key lets the terminal ask
 * (docs/domain.md §4 "Fees", docs/venues.md "Fee tiers"), and kept for an hour: the ticket and
 * the monitor count these rates, and say so, instead of the venue's lowest-tier default.
 */
import type { Exchange } from 'ccxt';
import type { AccountFee } from '../../../shared/domain/fees.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { badResponse, toVenueError } from '../markets/venueErrors.ts';
import type { Broker } from './brokers/broker.ts';

/** A tier changes with 30-day volume: an hourly read follows it without loading the venue. */
export const ACCOUNT_FEE_TTL_MS = 3_600_000;

/**
 * The linear perp whose fee stands for the account's: BTC's where listed, else the first one.
 * Every venue here states one derivatives tier per account, whatever the symbol.
 */
function referenceSymbol(exchange: Exchange): string | undefined {
  const perps = Object.values(exchange.markets ?? {}).filter((m) => m.swap && m.linear);
  return (perps.find((m) => m.base === 'BTC') ?? perps[0])?.symbol;
}

/**
 * Every venue in use answers ccxt's `fetchTradingFee` (one symbol, the rate the account pays on
 * it); where a venue offers only the all-symbols `fetchTradingFees`, that answer's row is used.
 */
export async function readAccountFee(venue: VenueId, exchange: Exchange): Promise<{ taker: number; maker: number }> {
  const symbol = referenceSymbol(exchange);
  if (symbol === undefined) throw badResponse(venue, 'no linear perpetual is listed to read the fee tier on');
  try {
    const fee = exchange.has.fetchTradingFee ? await exchange.fetchTradingFee(symbol) : (await exchange.fetchTradingFees())[symbol];
    const { taker, maker } = fee ?? {};
    if (typeof taker !== 'number' || typeof maker !== 'number' || !Number.isFinite(taker) || !Number.isFinite(maker)) {
      throw badResponse(venue, `the fee tier of ${symbol} came back without a taker and a maker rate`);
    }
    return { taker, maker };
  } catch (error) {
    throw toVenueError(venue, error);
  }
}

export interface AccountFeeReader {
  /** Reads the venues not read within the hour; a venue that fails keeps its last read, and is logged. */
  refresh(): Promise<void>;
  current(): ReadonlyMap<VenueId, AccountFee>;
}

export function createAccountFeeReader(options: {
  brokers: () => readonly Broker[];
  now: () => number;
  onError: (venue: VenueId, error: unknown) => void;
  /** Called after a refresh that read anything new. */
  onChange: () => void;
}): AccountFeeReader {
  const read = new Map<VenueId, AccountFee>();
  const triedAt = new Map<VenueId, number>();
  let running: Promise<void> | null = null;

  async function readAll(): Promise<void> {
    const now = options.now();
    const due = options.brokers().filter((broker) => now - (triedAt.get(broker.venue) ?? -Infinity) >= ACCOUNT_FEE_TTL_MS);
    let changed = false;
    await Promise.all(due.map(async (broker) => {
      triedAt.set(broker.venue, now);
      try {
        const fee = await broker.accountFee();
        if (fee === null) return;
        read.set(broker.venue, { ...fee, readAt: options.now() });
        changed = true;
      } catch (error) {
        options.onError(broker.venue, error);
      }
    }));
    if (changed) options.onChange();
  }

  return {
    refresh() {
      running ??= readAll().finally(() => {
        running = null;
      });
      return running;
    },
    current: () => read,
  };
}
