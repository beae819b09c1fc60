/**
 * Hyperliquid `POST /exchange`: signed actions. The signer is recovered from the signature
 * (see hyperliquidSignature.ts) and must be a registered wallet, otherwise the venue's own
 * answer `User or API Wallet 0x… does not exist.` comes back. Orders, cancels (by oid and by
 * cloid) and leverage updates act on that wallet's simulated account (a spot asset's orders,
 * 10000 + the pair's index, on its spot wallet: hyperliquidSpot.ts); each order or cancel
 * gets its own status, with Hyperliquid's error texts so ccxt raises the same classes.
 */
import { SimRejection } from '../types.ts';
import type { RejectionReason, SimContext, SimCredentials, SimOrder, SimOrderRequest, SimResponse } from '../types.ts';
import { decimalString } from './wireDecimal.ts';
import { actionHash, l1ActionDigest, recoverSigner, typedDataDigest } from './hyperliquidSignature.ts';
import type { TypedField, WireSignature } from './hyperliquidSignature.ts';
import { VENUE, ok, unreadable } from './hyperliquidInfo.ts';
import { perpOfAsset } from './hyperliquidDexInfo.ts';
import { accountKey, wireCloid, wireOid } from './hyperliquidAccountInfo.ts';
import { spotPairOfAsset } from './hyperliquidSpot.ts';
import type { SpotInstrument } from '../spot.ts';

type Action = Record<string, unknown> & { type: string };

interface SignedRequest {
  action: Action;
  nonce: number;
  signature: WireSignature;
  vaultAddress?: string;
  expiresAfter?: number;
}

/** User-signed actions: EIP-712 over their own fields, on the `signatureChainId` they name. */
const USER_SIGNED: Record<string, { typeName: string; fields: TypedField[] }> = {
  approveBuilderFee: {
    typeName: 'HyperliquidTransaction:ApproveBuilderFee',
    fields: [
      { name: 'hyperliquidChain', type: 'string' }, { name: 'maxFeeRate', type: 'string' },
      { name: 'builder', type: 'address' }, { name: 'nonce', type: 'uint64' },
    ],
  },
};

const REJECTION_TEXT: Record<RejectionReason, string> = {
  'insufficient-margin': 'Insufficient margin to place order.',
  'min-notional': 'Order must have minimum value of $10.',
  'reduce-only': 'Reduce only order would increase position.',
  'unknown-order': 'Order was never placed, already canceled, or filled.',
  'unknown-instrument': 'Invalid asset.',
  'invalid-quantity': 'Order has invalid size.',
  'invalid-price': 'Price must be divisible by tick size.',
  'duplicate-client-id': 'Duplicate cloid.',
  'margin-mode': 'Cannot switch leverage type with open position.',
  'invalid-client-id': 'Invalid cloid.',
};

function venueError(text: string): SimResponse {
  return { status: 200, body: { status: 'err', response: text } };
}

function parseSigned(body: unknown): SignedRequest | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { action, nonce, signature, vaultAddress, expiresAfter } = body as Record<string, unknown>;
  const sig = signature as Partial<WireSignature> | undefined;
  const wellFormed = typeof action === 'object' && action !== null && typeof (action as Action).type === 'string'
    && typeof nonce === 'number' && typeof sig?.r === 'string' && typeof sig.s === 'string' && typeof sig.v === 'number';
  if (!wellFormed) return undefined;
  return {
    action: action as Action,
    nonce,
    signature: sig as WireSignature,
    vaultAddress: typeof vaultAddress === 'string' ? vaultAddress : undefined,
    expiresAfter: typeof expiresAfter === 'number' ? expiresAfter : undefined,
  };
}

/** Every address the signature could come from: mainnet and testnet agents for L1 actions. */
function candidateSigners(request: SignedRequest): string[] {
  const userSigned = USER_SIGNED[request.action.type];
  if (userSigned !== undefined) {
    const chainId = parseInt(String(request.action.signatureChainId ?? '0x66eee'), 16);
    const digest = typedDataDigest({ name: 'HyperliquidSignTransaction', chainId }, userSigned.typeName, userSigned.fields, request.action);
    return [recoverSigner(digest, request.signature)].filter((a): a is string => a !== null);
  }
  const connectionId = actionHash(request.action, request.nonce, request.vaultAddress, request.expiresAfter);
  return [false, true].map((testnet) => recoverSigner(l1ActionDigest(connectionId, testnet), request.signature)).filter((a): a is string => a !== null);
}

function rejectionText(error: unknown, asset: number): string {
  if (error instanceof SimRejection) return `${REJECTION_TEXT[error.reason]} asset=${asset}`;
  throw error;
}

function orderStatusOf(order: Pick<SimOrder, 'orderId' | 'clientOrderId' | 'filled' | 'averagePrice' | 'price' | 'status'>, tif: string, asset: number): unknown {
  const oid = wireOid(order.orderId);
  if (order.filled > 0 && (order.status === 'filled' || tif === 'Ioc')) {
    return { filled: { totalSz: decimalString(order.filled), avgPx: decimalString(order.averagePrice ?? order.price ?? 0), oid } };
  }
  if (order.status === 'new' || order.status === 'partially-filled') {
    const cloid = wireCloid(order.clientOrderId);
    return { resting: cloid === null ? { oid } : { oid, cloid } };
  }
  if (tif === 'Alo') return { error: `Post only order would have immediately matched, bbo was crossed. asset=${asset}` };
  return { error: `Order could not immediately match against any resting orders. asset=${asset}` };
}

/** What an order of the action asks, as the simulator's order request (perp or spot alike). */
function requestOf(o: Record<string, unknown>, instrumentId: string): { request: SimOrderRequest; tif: string } | { error: string } {
  const limit = (o.t as { limit?: { tif?: string } } | undefined)?.limit;
  if (limit === undefined) return { error: 'Trigger orders are not simulated.' };
  const tif = limit.tif ?? 'Gtc';
  // Hyperliquid has no market orders: ccxt sends an IOC limit at the price given ± slippage, which fills no farther.
  return {
    tif,
    request: {
      instrumentId, side: o.b === true ? 'buy' : 'sell', type: tif === 'Ioc' ? 'market' : 'limit', quantity: Number(o.s), price: Number(o.p),
      reduceOnly: o.r === true, postOnly: tif === 'Alo', clientOrderId: typeof o.c === 'string' ? o.c : undefined,
    },
  };
}

/**
 * A spot order (asset 10000 + the pair's index): an IOC limit fills what the book holds up to
 * its price and cancels the rest, as on the venue; the spot wallet pays for it.
 */
function placeSpot(context: SimContext, key: string, pair: SpotInstrument, o: Record<string, unknown>, asset: number): unknown {
  const asked = requestOf(o, pair.id);
  if ('error' in asked) return { error: `${asked.error} asset=${asset}` };
  const { request, tif } = asked;
  if (tif === 'Alo') return { error: `Post only orders are not simulated on spot. asset=${asset}` };
  try {
    const order = context.spot.placeOrder(VENUE, key, { ...request, type: 'limit', immediateOrCancel: tif === 'Ioc' });
    return orderStatusOf(order, tif, asset);
  } catch (error) {
    return { error: spotRejectionText(error, asset) };
  }
}

function spotRejectionText(error: unknown, asset: number): string {
  if (error instanceof SimRejection && error.reason === 'insufficient-margin') return `Insufficient spot balance asset=${asset}`;
  return rejectionText(error, asset);
}

function placeOrders(context: SimContext, key: string, action: Action): SimResponse {
  const orders = Array.isArray(action.orders) ? (action.orders as Array<Record<string, unknown>>) : [];
  const statuses = orders.map((o) => {
    const asset = Number(o.a);
    const pair = spotPairOfAsset(context, asset);
    if (pair !== undefined) return placeSpot(context, key, pair, o, asset);
    const instrument = perpOfAsset(context, asset);
    if (instrument === undefined) return { error: `Invalid asset. asset=${asset}` };
    const asked = requestOf(o, instrument.id);
    if ('error' in asked) return { error: `${asked.error} asset=${asset}` };
    try {
      return orderStatusOf(context.accounts.placeOrder(VENUE, key, asked.request), asked.tif, asset);
    } catch (error) {
      return { error: rejectionText(error, asset) };
    }
  });
  return ok({ status: 'ok', response: { type: 'order', data: { statuses } } });
}

function cancelOrders(context: SimContext, key: string, action: Action): SimResponse {
  const cancels = Array.isArray(action.cancels) ? (action.cancels as Array<Record<string, unknown>>) : [];
  const statuses = cancels.map((c) => {
    const asset = Number(action.type === 'cancelByCloid' ? c.asset : c.a);
    const ref = action.type === 'cancelByCloid' ? { clientOrderId: String(c.cloid) } : { orderId: String(c.o) };
    const pair = spotPairOfAsset(context, asset);
    const book = pair === undefined ? context.accounts : context.spot;
    // An order is cancelled only under its own asset, as on the venue.
    if (book.order(VENUE, key, ref)?.instrumentId !== (pair ?? perpOfAsset(context, asset))?.id) {
      return { error: `${REJECTION_TEXT['unknown-order']} asset=${asset}` };
    }
    try {
      book.cancelOrder(VENUE, key, ref);
      return 'success';
    } catch (error) {
      return { error: rejectionText(error, asset) };
    }
  });
  return ok({ status: 'ok', response: { type: 'cancel', data: { statuses } } });
}

function updateLeverage(context: SimContext, key: string, action: Action): SimResponse {
  const instrument = perpOfAsset(context, Number(action.asset));
  const leverage = Number(action.leverage);
  if (instrument === undefined) return venueError(`Invalid asset: ${String(action.asset)}`);
  if (!Number.isInteger(leverage) || leverage < 1 || leverage > instrument.maxLeverage) {
    return venueError(`Invalid leverage value: ${String(action.leverage)}`);
  }
  context.accounts.setMarginMode(VENUE, key, instrument.id, action.isCross === false ? 'isolated' : 'cross');
  context.accounts.setLeverage(VENUE, key, instrument.id, leverage);
  return ok({ status: 'ok', response: { type: 'default' } });
}

function dispatch(context: SimContext, key: string, action: Action): SimResponse {
  switch (action.type) {
    case 'order': return placeOrders(context, key, action);
    case 'cancel':
    case 'cancelByCloid': return cancelOrders(context, key, action);
    case 'updateLeverage': return updateLeverage(context, key, action);
    // Accepted and recorded nowhere: they change fees and referral credit, not positions.
    case 'setReferrer':
    case 'approveBuilderFee': return ok({ status: 'ok', response: { type: 'default' } });
    default: return venueError(`Unsupported action type: ${action.type}`);
  }
}

/** Hyperliquid keeps the 100 highest nonces of each signer and refuses a repeat or anything below them. */
const NONCES_KEPT = 100;
/** Per simulator (its credential store), per signer: the highest nonces seen, ascending. */
const noncesSeen = new WeakMap<SimCredentials, Map<string, number[]>>();

function nonceRefusal(credentials: SimCredentials, signer: string, nonce: number): string | undefined {
  const bySigner = noncesSeen.get(credentials) ?? new Map<string, number[]>();
  noncesSeen.set(credentials, bySigner);
  const kept = bySigner.get(signer) ?? [];
  bySigner.set(signer, kept);
  if (kept.includes(nonce)) return `Invalid nonce: duplicate nonce ${nonce}`;
  if (kept.length >= NONCES_KEPT && nonce < kept[0]) return `Invalid nonce: nonce ${nonce} is below the ${NONCES_KEPT} highest nonces used`;
  const at = kept.findIndex((n) => n > nonce);
  kept.splice(at < 0 ? kept.length : at, 0, nonce);
  if (kept.length > NONCES_KEPT) kept.shift();
  return undefined;
}

export function handleExchange(body: unknown, context: SimContext): SimResponse {
  const request = parseSigned(body);
  if (request === undefined) return unreadable();
  const signers = candidateSigners(request);
  const key = signers.map((s) => accountKey(context, s)).find((k) => k !== undefined);
  if (key === undefined) return venueError(`User or API Wallet ${signers[0] ?? '0x0000000000000000000000000000000000000000'} does not exist.`);
  if (request.vaultAddress !== undefined) return venueError('Vault trading is not simulated.');
  const refusal = nonceRefusal(context.credentials, key, request.nonce);
  return refusal === undefined ? dispatch(context, key, request.action) : venueError(refusal);
}
