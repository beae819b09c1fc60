/**
 * ccxt options for a venue account signed with the user's keys: the brokers, the paper
 * broker's book reads and the key test all build their exchange with these.
 */
import { WALLET_VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { asterSpec } from './aster.ts';
import { binanceSpec } from './binanceusdm.ts';
import { bingxSpec } from './bingx.ts';
import { bitgetSpec } from './bitget.ts';
import { bybitSpec } from './bybit.ts';
import { gateSpec } from './gate.ts';
import { hyperliquidSpec } from './hyperliquid.ts';
import { kucoinfuturesSpec } from './kucoinfutures.ts';
import { lighterSpec } from './lighter.ts';
import { okxSpec } from './okx.ts';
import { paradexSpec } from './paradex.ts';

const SPEC_OPTIONS: Record<VenueId, Record<string, unknown>> = {
  binanceusdm: binanceSpec.exchangeOptions, bybit: bybitSpec.exchangeOptions, okx: okxSpec.exchangeOptions,
  bitget: bitgetSpec.exchangeOptions, gate: gateSpec.exchangeOptions, hyperliquid: hyperliquidSpec.exchangeOptions, aster: asterSpec.exchangeOptions,
  kucoinfutures: kucoinfuturesSpec.exchangeOptions, bingx: bingxSpec.exchangeOptions, paradex: paradexSpec.exchangeOptions,
  lighter: lighterSpec.exchangeOptions,
};

/** The venue's market-data options plus what a signed account needs on top of them. */
export function optionsFor(venue: VenueId, loopback: boolean): Record<string, unknown> {
  const base = SPEC_OPTIONS[venue];
  // The kill switch and reconcile list open orders across all symbols: ccxt refuses unless told we know the cost.
  if (venue === 'binanceusdm') return { ...base, warnOnFetchOpenOrdersWithoutSymbol: false };
  // Against a loopback simulator Bybit is a unified account; saying so spares ccxt its
  // account-type probe (`/v5/user/query-api`), which the simulator does not serve. Live, ccxt asks.
  if (venue === 'bybit' && loopback) return { ...base, enableUnifiedAccount: true, enableUnifiedMargin: false };
  // ccxt would otherwise sign a builder-fee approval and a referrer before the first order.
  if (venue === 'hyperliquid') return { ...base, builderFee: false, approvedBuilderFee: true, refSet: true };
  // Aster: the same builder-fee approval (ccxt's builder takes 0.1 % of every order) is never
  // signed, and open orders are listed across symbols (as on Binance) without ccxt's warning.
  if (venue === 'aster') return { ...base, builderFee: false, approvedBuilderFee: true, fetchOpenOrders: { warnIfNoSymbol: false } };
  // KuCoin: the classic futures account's endpoints (`/api/v1/…` on the futures host). Left
  // unset, ccxt asks `/api/ua/v1/account/mode` before the first private call (and would send a
  // unified account's orders elsewhere) and, loading markets with a key, the spot account's
  // high-frequency status (`/api/v1/hf/accounts/opened`), which futures never use
  // (docs/venues.md, "KuCoin Futures").
  if (venue === 'kucoinfutures') return { ...base, uta: false, hf: false };
  return base;
}

/**
 * Venues ccxt signs for with an Ethereum wallet's address and private key: the wallet venues, and
 * Paradex, whose StarkNet account ccxt derives from that key (docs/venues.md, "Paradex").
 */
const ETHEREUM_KEYED: ReadonlySet<VenueId> = new Set<VenueId>([...WALLET_VENUES, 'paradex']);

/** The credentials under ccxt's field names: a wallet venue signs with `privateKey`, the others with an API key and secret. */
export function ccxtCredentials(venue: VenueId, credentials: { apiKey: string; secret: string; password?: string }): Record<string, string> {
  if (ETHEREUM_KEYED.has(venue)) return { walletAddress: credentials.apiKey, privateKey: credentials.secret };
  return { apiKey: credentials.apiKey, secret: credentials.secret, ...(credentials.password ? { password: credentials.password } : {}) };
}
