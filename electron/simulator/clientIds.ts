/**
 * Each venue's rule for a user's order id, as its API documents it, so the simulator refuses
 * what the venue would: Binance `^[.A-Z:/a-z0-9_-]{1,36}$` (-4015), Bybit `orderLinkId` up to
 * 36 letters, digits, `-`, `_`; OKX `clOrdId` 1–32 letters and digits; Bitget `clientOid` up
 * to 50 characters (40305); Gate `text` `t-` and up to 28 of `0-9A-Za-z_.-`; Hyperliquid a
 * 128-bit hex `cloid`; Aster Binance's pattern; KuCoin `clientOid` up to 40 letters, digits, `_`, `-`; BingX `clientOrderID` 1–40 characters, kept lowercased; Paradex `client_id` up to 64 characters; Lighter `client_order_index` an integer below 2^48. Written here from the venues' documents, not from the terminal's code.
 */
import type { VenueId } from './types.ts';

const RULES: Record<VenueId, RegExp> = {
  binanceusdm: /^[.A-Z:/a-z0-9_-]{1,36}$/,
  bybit: /^[A-Za-z0-9_-]{1,36}$/,
  okx: /^[A-Za-z0-9]{1,32}$/,
  bitget: /^.{1,50}$/,
  gate: /^t-[0-9A-Za-z_.-]{1,28}$/,
  hyperliquid: /^0x[0-9a-fA-F]{32}$/,
  aster: /^[.A-Z:/a-z0-9_-]{1,36}$/,
  kucoinfutures: /^[A-Za-z0-9_-]{1,40}$/,
  bingx: /^[A-Za-z0-9_-]{1,40}$/,
  paradex: /^.{1,64}$/,
  lighter: /^(?:[1-9][0-9]{0,14}|0)$/,
};

export function venueTakesClientId(venue: VenueId, id: string): boolean {
  return RULES[venue].test(id);
}
