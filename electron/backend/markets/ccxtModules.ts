/**
 * The ccxt classes the terminal uses, each imported from its own module file instead of through
 * ccxt's barrel (`import ccxt from 'ccxt'`), which loads every exchange class ccxt has, over a
 * hundred: 90–100 MB resident and 40 MB of heap in every thread that imports it
 * (docs/architecture.md, "Memory"). The only product module that loads ccxt code; the wall
 * (build/lint/rooms.ts, `typesOnly`) lets the product import `ccxt` as types only.
 *
 * ccxt's package exports only its barrel, so its files are found next to the barrel's resolved
 * URL (resolving loads nothing) and imported by URL: the same loader that imported the barrel,
 * from node_modules in development and from the app archive once packaged.
 */
import type * as Ccxt from 'ccxt';
import type { Exchange } from 'ccxt';
import { VENUE_IDS } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';

export type ExchangeClass = new (config: Record<string, unknown>) => Exchange;

/** A venue's ccxt class, or another ccxt class of the same venue (`binance`: Binance's spot, docs/orders.md). */
export type CcxtId = VenueId | 'binance';

const CCXT_ENTRY = import.meta.resolve('ccxt'); // …/ccxt/js/ccxt.js

async function load<T>(file: string): Promise<T> {
  return (await import(new URL(`./src/${file}`, CCXT_ENTRY).href)) as T;
}

async function loadClass(file: string): Promise<ExchangeClass> {
  return (await load<{ default: ExchangeClass }>(file)).default;
}

const REST_IDS: readonly CcxtId[] = [...VENUE_IDS, 'binance'];

/** ccxt's error classes (`instanceof` holds: ccxt's exchanges throw these very classes). */
export const ccxtErrors = await load<Pick<typeof Ccxt,
  | 'BaseError' | 'ExchangeError' | 'NetworkError' | 'RateLimitExceeded' | 'DDoSProtection' | 'RequestTimeout'
  | 'ExchangeNotAvailable' | 'PermissionDenied' | 'BadResponse' | 'NullResponse' | 'AuthenticationError' | 'AccountSuspended'
>>('base/errors.js');

/** The REST class of each venue and Binance's spot, loaded once with this module. */
export const restClasses: Readonly<Record<CcxtId, ExchangeClass>> = Object.fromEntries(
  await Promise.all(REST_IDS.map(async (id) => [id, await loadClass(`${id}.js`)] as const)),
) as Record<CcxtId, ExchangeClass>;

/** A venue's ccxt.pro class (websockets), loaded on first use: only the thread that streams pays for it. */
export function proClass(venue: VenueId): Promise<ExchangeClass> {
  return loadClass(`pro/${venue}.js`);
}
