/**
 * Hyperliquid `POST /info` per-wallet reads: account state (clearinghouseState, and the spot
 * wallet's spotClearinghouseState), open orders (perp and spot alike),
 * order status, order history, fills and funding payments. On Hyperliquid these are
 * unauthenticated lookups by wallet address; an address the venue does not know gets empty
 * answers, never an error.
 */
import type { SimAccounts, SimContext, SimIncome, SimMarket, SimOrder, SimPosition, SimResponse } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { checksumAddress } from './hyperliquidSignature.ts';
import { VENUE, num, ok, unreadable } from './hyperliquidInfo.ts';
import { onDex } from './hyperliquidDexInfo.ts';
import type { InfoRequest } from './hyperliquidInfo.ts';
import { spotClearinghouseState, spotFills } from './hyperliquidSpot.ts';

/** The account key of a wallet: as registered, whatever case the caller wrote it in. */
export function accountKey(context: SimContext, address: unknown): string | undefined {
  if (typeof address !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(address)) return undefined;
  const candidates = [address, address.toLowerCase(), checksumAddress(address)];
  return candidates.map((a) => context.credentials.find(VENUE, a)).find((c) => c !== undefined)?.apiKey;
}

/** Hyperliquid order ids are integers; the simulator's are kept as given when they are not. */
export function wireOid(orderId: string): number | string {
  return /^\d+$/.test(orderId) && Number.isSafeInteger(Number(orderId)) ? Number(orderId) : orderId;
}

/** A Hyperliquid cloid is a 128-bit hex string; the simulator's own default client ids are not shown. */
export function wireCloid(clientOrderId: string): string | null {
  return /^0x[0-9a-fA-F]{32}$/.test(clientOrderId) ? clientOrderId : null;
}

/** A perp order, or a spot order (no reduce-only flag; an IOC limit keeps its tif). */
type WireOrder = Omit<SimOrder, 'reduceOnly' | 'marginMode'> & { reduceOnly?: boolean; timeInForce?: 'ioc' };

function frontendOrder(order: WireOrder): Record<string, unknown> {
  return {
    coin: order.instrumentId,
    side: order.side === 'buy' ? 'B' : 'A',
    limitPx: decimalString(order.price ?? order.averagePrice ?? 0),
    sz: decimalString(order.quantity - order.filled),
    oid: wireOid(order.orderId),
    timestamp: order.createdAt,
    origSz: decimalString(order.quantity),
    cloid: wireCloid(order.clientOrderId),
    reduceOnly: order.reduceOnly ?? false,
    orderType: order.type === 'market' ? 'Market' : 'Limit',
    tif: order.type === 'market' || order.timeInForce === 'ioc' ? 'Ioc' : 'Gtc',
    isTrigger: false,
    triggerPx: '0.0',
    triggerCondition: 'N/A',
    isPositionTpsl: false,
    children: [],
  };
}

const ORDER_STATUS: Record<SimOrder['status'], string> = {
  new: 'open',
  'partially-filled': 'open',
  filled: 'filled',
  cancelled: 'canceled',
  rejected: 'rejected',
};

/**
 * `cumFunding` of a position: funding the position paid (Hyperliquid counts it paid-positive,
 * the opposite of the `usdc` delta in userFunding), all time on the coin, since the position
 * opened (the run of settlements on the same side, newest back) and since its size last changed.
 */
function cumulativeFunding(accounts: SimAccounts, key: string, position: SimPosition): Record<string, string> {
  const income = accounts.income(VENUE, key, { instrumentId: position.instrumentId }).slice().sort((a, b) => b.time - a.time);
  const paid = (entries: readonly SimIncome[]) => decimalString(-entries.reduce((sum, e) => sum + e.amount, 0));
  const run = (same: (e: SimIncome) => boolean) => {
    const end = income.findIndex((e) => !same(e));
    return income.slice(0, end === -1 ? income.length : end);
  };
  return {
    allTime: paid(income),
    sinceOpen: paid(run((e) => Math.sign(e.positionSize) === Math.sign(position.size))),
    sinceChange: paid(run((e) => e.positionSize === position.size)),
  };
}

/**
 * The wallet's positions on one dex (the main dex unless `dex` names a HIP-3 one). The margin
 * summary is the one USDC account's whichever dex is read: the simulator does not keep a margin
 * account per dex (docs/venues.md, "Hyperliquid HIP-3").
 */
function clearinghouseState(accounts: SimAccounts, market: SimMarket, key: string | undefined, dex: unknown): SimResponse {
  const now = market.now();
  const usdc = key === undefined ? undefined : accounts.balances(VENUE, key).find((b) => b.currency === 'USDC');
  const positions = key === undefined ? [] : accounts.positions(VENUE, key).filter((p) => p.size !== 0 && onDex(p.instrumentId, dex));
  const notional = positions.reduce((sum, p) => sum + Math.abs(p.size) * p.markPrice, 0);
  const summary = {
    accountValue: decimalString(usdc?.total ?? 0),
    totalNtlPos: decimalString(notional),
    totalRawUsd: decimalString(usdc?.total ?? 0),
    totalMarginUsed: decimalString(usdc?.used ?? 0),
  };
  return ok({
    marginSummary: summary,
    crossMarginSummary: summary,
    crossMaintenanceMarginUsed: decimalString(positions.reduce((sum, p) => sum + p.margin, 0)),
    withdrawable: decimalString(usdc?.free ?? 0),
    assetPositions: positions.map((p) => ({
      type: 'oneWay',
      position: {
        coin: p.instrumentId,
        szi: decimalString(p.size),
        leverage: { type: p.marginMode, value: p.leverage },
        entryPx: decimalString(p.entryPrice),
        positionValue: decimalString(Math.abs(p.size) * p.markPrice),
        unrealizedPnl: decimalString(p.unrealisedPnl),
        returnOnEquity: decimalString(p.margin === 0 ? 0 : p.unrealisedPnl / p.margin),
        liquidationPx: p.liquidationPrice === null ? null : decimalString(p.liquidationPrice),
        marginUsed: decimalString(p.margin),
        maxLeverage: String(market.instrument(VENUE, p.instrumentId)?.maxLeverage ?? p.leverage),
        cumFunding: cumulativeFunding(accounts, key!, p),
      },
    })),
    time: now,
  });
}

function orderStatus(context: SimContext, key: string | undefined, oid: unknown, now: number): SimResponse {
  const ref = typeof oid === 'string' && oid.startsWith('0x') ? { clientOrderId: oid } : { orderId: String(oid) };
  const order = key === undefined ? undefined : context.accounts.order(VENUE, key, ref) ?? context.spot.order(VENUE, key, ref);
  if (order === undefined) return ok({ status: 'unknownOid' });
  return ok({ status: 'order', order: orderRecord(order, now) });
}

/** An order with its status, as `orderStatus` and `historicalOrders` list it. */
function orderRecord(order: WireOrder, now: number): Record<string, unknown> {
  return { order: frontendOrder(order), status: ORDER_STATUS[order.status], statusTimestamp: order.updatedAt || now };
}

function historicalOrders(context: SimContext, key: string | undefined, now: number): SimResponse {
  const orders: WireOrder[] = key === undefined ? [] : [...context.accounts.orders(VENUE, key), ...context.spot.orders(VENUE, key)];
  // Newest first, as the venue lists them.
  return ok(orders.sort((a, b) => b.updatedAt - a.updatedAt).map((o) => orderRecord(o, now)));
}

function userFills(context: SimContext, key: string | undefined, request: InfoRequest): SimResponse {
  if (key === undefined) return ok([]);
  const since = num(request.startTime);
  const until = num(request.endTime);
  const trades = context.accounts.trades(VENUE, key, { since }).filter((t) => until === undefined || t.time <= until);
  const perp = trades.map((t) => ({
    coin: t.instrumentId, px: decimalString(t.price), sz: decimalString(t.quantity), side: t.side === 'buy' ? 'B' : 'A',
    time: t.time, startPosition: '0.0', dir: t.side === 'buy' ? 'Open Long' : 'Open Short', closedPnl: '0.0',
    hash: `0x${t.tradeId.padStart(64, '0').slice(-64)}`, oid: wireOid(t.orderId), crossed: !t.maker,
    fee: decimalString(t.fee), tid: wireOid(t.tradeId), feeToken: t.feeCurrency,
  }));
  // Hyperliquid lists the newest fill first, perp and spot alike.
  return ok([...perp, ...spotFills(context, key, since, until)].sort((a, b) => Number(b.time) - Number(a.time)));
}

function userFunding(accounts: SimAccounts, key: string | undefined, request: InfoRequest): SimResponse {
  if (key === undefined) return ok([]);
  const since = num(request.startTime);
  const until = num(request.endTime);
  const payments = accounts.income(VENUE, key, { since }).filter((i) => until === undefined || i.time <= until);
  return ok(payments.map((i) => ({
    time: i.time,
    hash: `0x${i.id.padStart(64, '0').slice(-64)}`,
    delta: {
      type: 'funding', coin: i.instrumentId, usdc: decimalString(i.amount), szi: decimalString(i.positionSize),
      fundingRate: decimalString(i.rate), nSamples: null,
    },
  })));
}

/** Per-user reads: Hyperliquid answers them for any address, empty for one it does not know. */
const USER_READS = new Set([
  'clearinghouseState', 'spotClearinghouseState', 'userAbstraction', 'openOrders', 'frontendOpenOrders',
  'orderStatus', 'historicalOrders', 'userFills', 'userFillsByTime', 'userFunding', 'userFees',
]);

/**
 * `userFees`: the wallet's rates (`userCrossRate` taker, `userAddRate` maker) beside the
 * venue's base schedule; a wallet it does not know is at the base rates with no volume.
 */
function userFees(accounts: SimAccounts, key: string | undefined, now: number): SimResponse {
  const base = { taker: VENUES.hyperliquid.takerFee, maker: VENUES.hyperliquid.makerFee };
  const own = key === undefined ? base : accounts.feeRates(VENUE, key);
  return ok({
    dailyUserVlm: [{ date: new Date(now).toISOString().slice(0, 10), userCross: '0.0', userAdd: '0.0', exchange: '0.0' }],
    feeSchedule: {
      cross: decimalString(base.taker), add: decimalString(base.maker),
      tiers: { vip: [{ ntlCutoff: '5000000.0', cross: '0.0004', add: '0.00012' }], mm: [{ makerFractionCutoff: '0.005', add: '-0.00001' }] },
      referralDiscount: '0.04',
    },
    userCrossRate: decimalString(own.taker), userAddRate: decimalString(own.maker), activeReferralDiscount: '0.0',
  });
}

/** A per-wallet read, or undefined when `type` names none. */
export function handleAccountInfo(type: string, request: InfoRequest, context: SimContext): SimResponse | undefined {
  const { accounts, market } = context;
  const key = accountKey(context, request.user);
  if (typeof request.user !== 'string') return USER_READS.has(type) ? unreadable() : undefined;
  switch (type) {
    case 'clearinghouseState': return clearinghouseState(accounts, market, key, request.dex);
    case 'spotClearinghouseState': return spotClearinghouseState(context, key);
    case 'userFees': return userFees(accounts, key, market.now());
    // A JSON string on the wire ("default"); a bare string body would be sent as plain text.
    case 'userAbstraction': return ok(JSON.stringify('default'));
    case 'openOrders':
    case 'frontendOpenOrders': {
      // A HIP-3 dex's open orders are listed when the read names its dex, the main dex's (and spot) otherwise.
      const open: WireOrder[] = key === undefined ? [] : [...accounts.openOrders(VENUE, key), ...context.spot.openOrders(VENUE, key)].filter((o) => onDex(o.instrumentId, request.dex));
      return ok(open.map((o) => (type === 'openOrders' ? pickOpenOrder(frontendOrder(o)) : frontendOrder(o))));
    }
    case 'orderStatus': return orderStatus(context, key, request.oid, market.now());
    case 'historicalOrders': return historicalOrders(context, key, market.now());
    case 'userFills':
    case 'userFillsByTime': return userFills(context, key, request);
    case 'userFunding': return userFunding(accounts, key, request);
    default: return undefined;
  }
}

/** `openOrders` answers a shorter record than `frontendOpenOrders`. */
function pickOpenOrder(order: Record<string, unknown>): Record<string, unknown> {
  const { coin, limitPx, oid, side, sz, timestamp, origSz, cloid } = order;
  return { coin, limitPx, oid, side, sz, timestamp, origSz, cloid };
}
