/**
 * Child process of backend.bench.ts (run with --expose-gc): what one venue's ccxt markets keep
 * on the heap. Per venue it loads the perp exchange as market data opens it and the spot
 * exchange the brokers open beside it (spotRoute.ts), each against the simulator, and measures
 * the heap retained after a full collection; then what the markets' raw venue JSON (`info`)
 * accounts for. Prints one JSON line: venue → figures in MB.
 */
import type { Exchange } from 'ccxt';
import { ADAPTERS } from '../../electron/backend/markets/adapters.ts';
import { createSpotExchange, spotRefusal } from '../../electron/backend/markets/spotExchange.ts';
import { VENUE_IDS, isVenueId, type VenueId } from '../../shared/domain/venues.ts';

const [baseUrl, venueList = VENUE_IDS.join(',')] = process.argv.slice(2);
const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('marketsProbe: run with --expose-gc');

function heapMb(): number {
  collect!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Heap retained by `exchange` once its markets are loaded, and by its markets' `info` alone. */
async function retained(open: () => Exchange, keep: Exchange[]): Promise<{ mb: number; instanceMb: number; infoMb: number; markets: number }> {
  const before = heapMb();
  const exchange = open();
  const instanceMb = heapMb() - before;
  await exchange.loadMarkets();
  keep.push(exchange);
  const loaded = heapMb();
  for (const market of Object.values(exchange.markets ?? {})) (market as { info?: unknown }).info = undefined;
  return { mb: loaded - before, instanceMb, infoMb: loaded - heapMb(), markets: Object.keys(exchange.markets ?? {}).length };
}

const connection = { baseUrl };
/** As openSpot (spotRoute.ts) opens it: no currency list. */
function spotExchange(venue: VenueId): Exchange {
  const exchange = createSpotExchange(venue, connection);
  exchange.has = { ...exchange.has, fetchCurrencies: false };
  return exchange;
}
const keep: Exchange[] = [];
const out: Record<string, unknown> = {};
for (const venue of venueList.split(',').filter(isVenueId) as VenueId[]) {
  const perp = await retained(() => ADAPTERS[venue]({ connection, cadenceScale: 1, now: Date.now }).exchange, keep);
  const spot = spotRefusal(venue) === null ? await retained(() => spotExchange(venue), keep) : null;
  out[venue] = { perp, spot };
}
console.log(JSON.stringify(out));
await Promise.all(keep.map((exchange) => exchange.close()));
process.exit(0);
