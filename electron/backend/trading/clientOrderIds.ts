/**
 * Client order ids, the one place that makes them. Every order the terminal sends carries an
 * id derived from what the order is for (a ticket's leg, its unwind, a close, a kill-switch
 * pass), so a create whose answer was lost can be found again by asking for that id, and the
 * same order is never sent twice. Each venue takes ids of its own length and alphabet, and
 * some echo them back changed: the rules are written down here and in docs/orders.md, and an
 * id that breaks its venue's rule is refused before it is sent, in words, not by the venue
 * in an emergency.
 */
import { createHash } from 'node:crypto';
import type { VenueId } from '../../../shared/domain/venues.ts';

export interface ClientIdRule {
  /** Longest id we may pass to ccxt (for Gate: before the `t-` ccxt puts in front). */
  maxLength: number;
  /** The venue's alphabet, anchored, applied to what we pass to ccxt. */
  pattern: RegExp;
  /** What the venue puts in front of our id when it answers (Gate's `t-`), '' for none. */
  echoPrefix: string;
  /** The rule in words, for refusals and docs. */
  text: string;
}

/**
 * Each venue's rule, from its API docs and ccxt's own checks:
 * Binance `^[.A-Z:/a-z0-9_-]{1,36}$` (error -4015 otherwise); Bybit `orderLinkId` up to 36
 * letters, digits, `-` and `_`; OKX `clOrdId` 1–32 case-sensitive alphanumerics; Bitget
 * `clientOid` up to 50 (error 40305); Gate `text` up to 28 after `t-`, which ccxt adds unless
 * the id starts with `t`, and echoes back with it; Hyperliquid `cloid` a 128-bit hex string;
 * Aster `newClientOrderId` Binance's rule (its futures API documents the same pattern);
 * KuCoin `clientOid` up to 40 letters, digits, `_` and `-` (the venue refuses others with 400100);
 * BingX `clientOrderID` 1–40 characters, which BingX stores lowercased: an id with capitals
 * would come back as another id, so only lowercase letters, digits, `_` and `-` are passed;
 * Paradex `client_id` up to 64 characters (its create-order reference; no character set is
 * stated, so letters, digits, `_` and `-` only; Paradex is monitored only, docs/venues.md);
 * Lighter `client_order_index` an integer below 2^48 (ccxt reads `clientOrderId` as an integer;
 * Lighter is monitored only, docs/venues.md), so its ids are 48 bits of the digest in decimal.
 */
export const CLIENT_ID_RULES: Readonly<Record<VenueId, ClientIdRule>> = {
  binanceusdm: { maxLength: 36, pattern: /^[.A-Z:/a-z0-9_-]{1,36}$/, echoPrefix: '', text: 'up to 36 of A-Z a-z 0-9 . : / _ -' },
  bybit: { maxLength: 36, pattern: /^[A-Za-z0-9_-]{1,36}$/, echoPrefix: '', text: 'up to 36 of A-Z a-z 0-9 _ -' },
  okx: { maxLength: 32, pattern: /^[A-Za-z0-9]{1,32}$/, echoPrefix: '', text: '1 to 32 letters and digits' },
  bitget: { maxLength: 50, pattern: /^[A-Za-z0-9_-]{1,50}$/, echoPrefix: '', text: 'up to 50 of A-Z a-z 0-9 _ -' },
  // Not starting with `t`: ccxt then adds `t-` itself, and the id we keep is the one we sent.
  gate: { maxLength: 28, pattern: /^[A-Za-su-z0-9_.-][A-Za-z0-9_.-]{0,27}$/, echoPrefix: 't-', text: 'up to 28 of A-Z a-z 0-9 _ - . after Gate\'s t-, not starting with t' },
  hyperliquid: { maxLength: 34, pattern: /^0x[0-9a-f]{32}$/, echoPrefix: '', text: '0x and 32 hex digits (128 bits)' },
  aster: { maxLength: 36, pattern: /^[.A-Z:/a-z0-9_-]{1,36}$/, echoPrefix: '', text: 'up to 36 of A-Z a-z 0-9 . : / _ -' },
  kucoinfutures: { maxLength: 40, pattern: /^[A-Za-z0-9_-]{1,40}$/, echoPrefix: '', text: 'up to 40 of A-Z a-z 0-9 _ -' },
  bingx: { maxLength: 40, pattern: /^[a-z0-9_-]{1,40}$/, echoPrefix: '', text: 'up to 40 of a-z 0-9 _ - (BingX lowercases ids)' },
  paradex: { maxLength: 64, pattern: /^[A-Za-z0-9_-]{1,64}$/, echoPrefix: '', text: 'up to 64 of A-Z a-z 0-9 _ -' },
  lighter: { maxLength: 15, pattern: /^(?:[1-9][0-9]{0,14}|0)$/, echoPrefix: '', text: 'an integer from 0 to 2^48 - 1 (client_order_index)' },
};

/** Lighter's client_order_index is below 2^48: twelve hex digits of the digest. */
const LIGHTER_INDEX_HEX = 12;

/** What a ticket's order is for; its ids start `ft` (the kill switch's start `ks`). */
export type OrderRole = 'open' | 'unwind' | 'close';

/** Our ids are hex digests: 32 hex digits (128 bits) wherever the venue takes that many. */
const DIGEST_HEX = 32;

function digest(parts: ReadonlyArray<string | number>): string {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex');
}

/** An id for `venue` from what the order is for; the same parts always give the same id. */
function idFor(venue: VenueId, prefix: 'ft' | 'ks' | 'rs', parts: ReadonlyArray<string | number>): string {
  const hex = digest(parts);
  if (venue === 'hyperliquid') return `0x${hex.slice(0, DIGEST_HEX)}`;
  if (venue === 'lighter') return String(Number.parseInt(hex.slice(0, LIGHTER_INDEX_HEX), 16));
  return `${prefix}${hex.slice(0, Math.min(CLIENT_ID_RULES[venue].maxLength, DIGEST_HEX) - prefix.length)}`;
}

/**
 * The id of a ticket's leg (`open`), its unwind, or a close: the same on every attempt, so a
 * lost answer can be found again. At least 104 bits of digest on every venue (Gate's 28) but
 * Lighter, whose integer index holds 48.
 */
export function ticketOrderId(venue: VenueId, ticketId: string, leg: number, role: OrderRole): string {
  return idFor(venue, 'ft', [ticketId, leg, role]);
}

/** A fresh id per kill-switch attempt: positions are re-read before each attempt, so nothing is closed twice. */
export function killSwitchOrderId(venue: VenueId, symbol: string, pairId: string | null, attempt: number, now: number): string {
  return idFor(venue, 'ks', ['kill', venue, symbol, pairId ?? '', attempt, now]);
}

/** A fresh id per restore order (docs/units.md): the venue is re-read before each, so nothing is reduced twice. */
export function restoreOrderId(venue: VenueId, symbol: string, since: number, now: number): string {
  return idFor(venue, 'rs', ['restore', venue, symbol, since, now]);
}

/** Why `id` breaks `venue`'s rule, or null when the venue takes it. */
export function clientIdProblem(venue: VenueId, id: string): string | null {
  const rule = CLIENT_ID_RULES[venue];
  return rule.pattern.test(id) ? null : `client order id ${id} does not fit ${venue}'s rule (${rule.text})`;
}

/** The id we sent, from the one the venue answers with (Gate's `t-` taken off). */
export function ownClientId(venue: VenueId, echoed: string | undefined): string {
  const prefix = CLIENT_ID_RULES[venue].echoPrefix;
  if (echoed === undefined) return '';
  return prefix !== '' && echoed.startsWith(prefix) ? echoed.slice(prefix.length) : echoed;
}
