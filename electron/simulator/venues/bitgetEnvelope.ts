/**
 * Bitget v2's envelope for signed calls, shared by the mix (bitgetPrivate.ts) and spot
 * (bitgetSpot.ts) endpoints: `{"code":"00000","msg":"success","requestTime":…,"data":…}`, and
 * refusals under Bitget's own codes so ccxt raises the classes it raises against Bitget.
 */
import { SimRejection, type RejectionReason, type SimContext, type SimResponse } from '../types.ts';

export interface BitgetCall {
  context: SimContext;
  apiKey: string;
  /** Query parameters on GET, JSON body fields on POST. */
  params: Record<string, string>;
  now: number;
}

export type BitgetRefusals = Record<RejectionReason, [string, string]>;

/** The mix (futures) endpoints' codes; the spot endpoints change a few (bitgetSpot.ts). */
export const MIX_REFUSALS: BitgetRefusals = {
  'insufficient-margin': ['40762', 'The order amount exceeds the balance'],
  'min-notional': ['45110', 'less than the minimum amount 5 USDT'],
  'reduce-only': ['22002', 'No position to close'],
  'unknown-order': ['40768', 'Order does not exist'],
  'unknown-instrument': ['40034', 'Parameter does not exist'],
  'invalid-quantity': ['40808', 'Parameter verification exception size checkBDScale error'],
  'invalid-price': ['41103', 'param price scale error error'],
  'duplicate-client-id': ['40786', 'Duplicate clientOid'],
  'margin-mode': ['40808', 'Parameter verification exception marginMode'],
  'invalid-client-id': ['40305', 'Client_oid length is not greater than 50, and cannot be Martian characters'],
};

export function bitgetOk(now: number, data: unknown): SimResponse {
  return { status: 200, body: { code: '00000', msg: 'success', requestTime: now, data } };
}

export function bitgetFailure(now: number, code: string, msg: string): SimResponse {
  return { status: 400, body: { code, msg, requestTime: now, data: null } };
}

/** A simulator rejection in Bitget's words; anything else is a simulator fault and is rethrown. */
export function bitgetRejected(now: number, error: unknown, refusals: BitgetRefusals = MIX_REFUSALS): SimResponse {
  if (!(error instanceof SimRejection)) throw error;
  const [code, msg] = refusals[error.reason];
  return bitgetFailure(now, code, msg);
}

/** The order a call names: by `orderId`, else by our `clientOid`. */
export function bitgetOrderRef(params: Record<string, string>): { orderId?: string; clientOrderId?: string } {
  return params.orderId !== undefined ? { orderId: params.orderId } : { clientOrderId: params.clientOid };
}
