/**
 * Aster perpetuals as ccxt `aster` calls them: Binance's futures API (`/fapi/v3/…`, Binance's
 * shapes and error codes, binanceShaped.ts) plus the spot market list ccxt reads when it loads
 * markets (`/api/v3/exchangeInfo`). Two differences from Binance are Aster's own:
 * - `fundingInfo` lists every symbol with its interval and cap, not only those off 8 h, and its
 *   funding history rows carry no mark price (ccxt's recorded Aster answers);
 * - private calls are signed with the account's wallet key: the query (or form body) with
 *   `nonce` (µs), `user` and `signer` is the `msg` of an EIP-712 `Message` under the
 *   `AsterSignTransaction` domain (chain 1666), and the signer is recovered from the signature
 *   and must be the account's wallet. Nothing is sent in a header.
 * Aster's paths are Binance's, so on the shared loopback server they live under `/aster`.
 */
import type { SimContext, SimRequest, SimResponse, VenueWire } from '../types.ts';
import { LOOPBACK_PATH_PREFIX } from '../../../shared/domain/venues.ts';
import { ERRORS, binanceShapedHandlers, error, fail, handleBinanceShaped, missing, ok, optionalNumber, rate } from './binanceShaped.ts';
import type { Handler, Params } from './binanceShaped.ts';
import { marginTiers } from '../marginTiers.ts';
import { checksumAddress, recoverSigner, typedDataDigest } from './hyperliquidSignature.ts';
import { binanceWire } from './binance.ts';

const VENUE = 'aster' as const;
const PREFIX = LOOPBACK_PATH_PREFIX.aster ?? '/aster';
const api = binanceShapedHandlers(VENUE);
/** Aster's signing chain id (ccxt `options.v3ChainId`). */
const CHAIN_ID = 1666;
/** How far a nonce may be from now: Aster's documented window for a signed request's time. */
const NONCE_WINDOW_MS = 60_000;

/** Every symbol with its interval and cap, as Aster lists them. */
function fundingInfo(_params: Params, context: SimContext): SimResponse {
  const now = context.market.now();
  return ok(context.market.instruments(VENUE).map((instrument) => {
    const funding = context.market.funding(VENUE, instrument.id);
    return {
      symbol: instrument.id, interestRate: rate(funding.interestRate), time: now, fundingIntervalHours: funding.intervalHours,
      fundingFeeCap: instrument.fundingCap, fundingFeeFloor: instrument.fundingFloor,
    };
  }));
}

function fundingRateHistory(params: Params, context: SimContext): SimResponse {
  const answer = api.fundingRateHistory(params, context);
  if (answer.status !== 200) return answer;
  return ok((answer.body as Array<Record<string, unknown>>).map(({ symbol, fundingTime, fundingRate }) => ({ symbol, fundingTime, fundingRate })));
}

/**
 * Aster's position rows keep Binance's older (v2) shape, with the symbol's leverage and margin
 * type on every row (ccxt's recorded Aster answers), where Binance's v3 rows dropped them. A
 * symbol asked for is listed flat when no position is held, as Aster does.
 */
function positionRisk(params: Params, context: SimContext, apiKey: string): SimResponse {
  const symbol = params.get('symbol');
  const positions = symbol ? [context.accounts.position(VENUE, apiKey, symbol)] : context.accounts.positions(VENUE, apiKey).filter((p) => p.size !== 0);
  const f = (value: number) => value.toFixed(8);
  return ok(positions.map((p) => {
    const instrument = context.market.instrument(VENUE, p.instrumentId)!;
    const isolated = p.marginMode === 'isolated' ? f(p.margin) : '0';
    return {
      symbol: p.instrumentId, positionAmt: p.size.toFixed(instrument.qtyPrecision), entryPrice: p.entryPrice.toFixed(instrument.pricePrecision),
      markPrice: f(p.markPrice), unRealizedProfit: f(p.unrealisedPnl), liquidationPrice: (p.liquidationPrice ?? 0).toFixed(instrument.pricePrecision),
      leverage: String(p.leverage), maxNotionalValue: String(marginTiers(instrument).at(-1)?.cap ?? 0), marginType: p.marginMode,
      isolatedMargin: isolated, isAutoAddMargin: 'false', positionSide: 'BOTH', notional: f(p.size * p.markPrice), isolatedWallet: isolated, updateTime: p.updatedAt,
    };
  }));
}

/** The spot list: the simulator lists no Aster spot pairs (the terminal reads perps only). */
function spotExchangeInfo(_params: Params, context: SimContext): SimResponse {
  return ok({ timezone: 'UTC', serverTime: context.market.now(), rateLimits: [], exchangeFilters: [], assets: [], symbols: [] });
}

/** Fields Binance added to its order rows that Aster's do not carry (ccxt's recorded Aster orders). */
const BINANCE_ONLY_ORDER_FIELDS = ['priceMatch', 'selfTradePreventionMode', 'goodTillDate'];

function withoutBinanceOnlyFields(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !BINANCE_ONLY_ORDER_FIELDS.includes(key)));
}

/** An order handler answering Aster's order rows (one row or a list). */
function asterOrders(handler: Handler): Handler {
  return (params, context, apiKey) => {
    const answer = handler(params, context, apiKey);
    if (answer.status !== 200) return answer;
    return ok(Array.isArray(answer.body) ? answer.body.map(withoutBinanceOnlyFields) : withoutBinanceOnlyFields(answer.body));
  };
}

/**
 * Aster's book ticker states its time and book update id as strings (ccxt 4.5.84 quotes the row
 * in `ts/src/aster.ts` fetchBidsAsks); ccxt tells a perp's row from a spot one by that id.
 */
const bookTicker: Handler = (params, context) => {
  const answer = api.bookTicker(params, context);
  if (answer.status !== 200) return answer;
  const asAster = (row: { time: number }) => ({ ...row, time: String(row.time), lastUpdateId: String(Math.floor(row.time / 100)) });
  return ok(Array.isArray(answer.body) ? answer.body.map(asAster) : asAster(answer.body as { time: number }));
};

const PUBLIC: Record<string, Handler> = {
  'GET /fapi/v3/ping': () => ok({}),
  'GET /fapi/v3/time': (_p, context) => ok({ serverTime: context.market.now() }),
  'GET /fapi/v3/exchangeInfo': api.exchangeInfo,
  'GET /api/v3/exchangeInfo': spotExchangeInfo,
  'GET /fapi/v3/premiumIndex': api.premiumIndex,
  'GET /fapi/v3/fundingInfo': fundingInfo,
  'GET /fapi/v3/fundingRate': fundingRateHistory,
  'GET /fapi/v3/ticker/24hr': api.ticker24hr,
  'GET /fapi/v3/ticker/bookTicker': bookTicker,
  'GET /fapi/v3/depth': api.depth,
  'GET /fapi/v3/klines': api.klines,
};

const PRIVATE: Record<string, Handler> = {
  'GET /fapi/v3/balance': api.balance,
  'GET /fapi/v3/positionSide/dual': api.positionSideDual,
  'GET /fapi/v3/commissionRate': api.commissionRate,
  'GET /fapi/v3/positionRisk': positionRisk,
  'GET /fapi/v3/leverageBracket': api.leverageBracket,
  'POST /fapi/v3/leverage': api.setLeverage,
  'POST /fapi/v3/marginType': api.setMarginType,
  'POST /fapi/v3/order': asterOrders(api.placeOrder),
  'GET /fapi/v3/order': asterOrders(api.queryOrder),
  'DELETE /fapi/v3/order': asterOrders(api.cancelOrder),
  'DELETE /fapi/v3/allOpenOrders': api.cancelAll,
  'GET /fapi/v3/openOrders': asterOrders(api.openOrders),
  'GET /fapi/v3/allOrders': asterOrders(api.allOrders),
  'GET /fapi/v3/userTrades': api.userTrades,
  'GET /fapi/v3/income': api.income,
};

/** The account of a wallet address, however its letters are cased. */
function accountOf(context: SimContext, address: string): string | undefined {
  return [address, address.toLowerCase(), checksumAddress(address)].find((candidate) => context.credentials.find(VENUE, candidate) !== undefined);
}

/** Checks the EIP-712 signature over the signed string, the signer, the wallet and the nonce. */
function authenticate(request: SimRequest, context: SimContext): { apiKey: string; params: Params } | SimResponse {
  const payload = request.method === 'GET' ? request.rawQuery ?? request.query.toString() : request.body;
  const at = payload.lastIndexOf('&signature=');
  if (at < 0) return missing('signature');
  const signed = payload.slice(0, at);
  const signature = payload.slice(at + '&signature='.length).split('&')[0];
  const params = new URLSearchParams(signed);
  const user = params.get('user');
  const signer = params.get('signer');
  if (!user || !signer) return missing(user ? 'signer' : 'user');
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) return fail(ERRORS.badSignature);
  const digest = typedDataDigest({ name: 'AsterSignTransaction', chainId: CHAIN_ID }, 'Message', [{ name: 'msg', type: 'string' }], { msg: signed });
  const recovered = recoverSigner(digest, { r: `0x${signature.slice(2, 66)}`, s: `0x${signature.slice(66, 130)}`, v: parseInt(signature.slice(130), 16) });
  if (recovered === null || recovered !== signer.toLowerCase() || signer.toLowerCase() !== user.toLowerCase()) return fail(ERRORS.badSignature);
  const apiKey = accountOf(context, user);
  if (apiKey === undefined) return fail(ERRORS.badKey);
  const nonceMs = (optionalNumber(params, 'nonce') ?? Number.NaN) / 1000;
  const fresh = [Date.now(), context.market.now()].some((now) => Math.abs(now - nonceMs) <= NONCE_WINDOW_MS);
  if (!fresh) return error(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
  return { apiKey, params };
}

export const asterWire: VenueWire = {
  venue: VENUE,
  pathPrefixes: [`${PREFIX}/`],
  handle(request, context) {
    const inner = { ...request, path: request.path.slice(PREFIX.length) };
    return handleBinanceShaped(inner, context, { public: PUBLIC, private: PRIVATE }, api.rejection, VENUE, authenticate);
  },
  // Aster's front answers faults the way Binance's does (same codes and bodies).
  errorBody: (status) => binanceWire.errorBody(status),
};
