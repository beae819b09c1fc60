/**
 * Builds the ccxt exchange for one venue. The adapters pass their venue's options; this adds
 * what depends on where we connect: live venues get clock-skew correction and ccxt's own
 * throttle, a loopback simulator gets no throttle, a short timeout and rewritten URLs.
 */
import type { Exchange } from 'ccxt';
import { restClasses } from './ccxtModules.ts';
import type { CcxtId } from './ccxtModules.ts';
import { LOOPBACK_OPTIONS, pointAtBaseUrl } from './loopback.ts';

/** Where a venue is reached: live (no baseUrl) or a local simulator. */
export interface Connection {
  baseUrl?: string;
  wsBaseUrl?: string;
  /** Request timeout; defaults to 10 s live, 3 s against a loopback server. */
  timeoutMs?: number;
}

/**
 * ccxt's kucoin loads KuCoin's spot currency list with the markets, and the spot margin pair
 * lists (cross and isolated, signed) too whenever a key is set unless `fetchMarkets` is given
 * `marginables: false`: perps need none of them, whichever broker or reader opens the exchange
 * (docs/venues.md, "KuCoin Futures").
 */
function perpListsOnly(exchange: Exchange): void {
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  const fetchMarkets = exchange.fetchMarkets.bind(exchange);
  exchange.fetchMarkets = (params: Record<string, unknown> = {}) => fetchMarkets({ marginables: false, ...params });
}

export function createExchange(venue: CcxtId, venueOptions: Record<string, unknown>, connection: Connection): Exchange {
  const ExchangeClass = restClasses[venue];
  const loopback = connection.baseUrl !== undefined;
  const options = loopback ? venueOptions : { ...venueOptions, adjustForTimeDifference: true };
  const exchange = new ExchangeClass({
    ...(loopback ? LOOPBACK_OPTIONS : { enableRateLimit: true, timeout: 10_000 }),
    // ccxt would keep each venue's last raw answer (a full market or rate list, hundreds of kB);
    // nothing reads it. The response headers it keeps are read (rate-limit hints).
    enableLastHttpResponse: false,
    ...(connection.timeoutMs !== undefined ? { timeout: connection.timeoutMs } : {}),
    options,
  });
  if (connection.baseUrl !== undefined) pointAtBaseUrl(exchange, connection.baseUrl, connection.wsBaseUrl);
  if (venue === 'kucoinfutures') perpListsOnly(exchange);
  return exchange;
}
