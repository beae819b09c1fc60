import { describe, expect, it } from 'vitest';
import { clientIdProblem, killSwitchOrderId, ownClientId, ticketOrderId } from '../../../electron/backend/trading/clientOrderIds.ts';
import { VENUE_IDS, type VenueId } from '../../../shared/domain/venues.ts';

/**
 * Each venue's rule as its own documentation states it, written out here rather than read
 * from the module under test. Gate's is what ccxt passes on after its `t-`: ccxt refuses more
 * than 28 characters and adds `t-` to an id not starting with `t`.
 */
const VENUE_DOCS: Record<VenueId, RegExp> = {
  binanceusdm: /^[.A-Z:/a-z0-9_-]{1,36}$/,
  bybit: /^[A-Za-z0-9_-]{1,36}$/,
  okx: /^[A-Za-z0-9]{1,32}$/,
  bitget: /^.{1,50}$/,
  gate: /^[^t][A-Za-z0-9_.-]{0,27}$/,
  hyperliquid: /^0x[0-9a-f]{32}$/,
  // Aster's futures API reference states Binance's pattern for newClientOrderId.
  aster: /^[.A-Z:/a-z0-9_-]{1,36}$/,
  kucoinfutures: /^[A-Za-z0-9_-]{1,40}$/,
  // BingX's clientOrderID: 1 to 40 characters, stored lowercased (an id with capitals comes back as another).
  bingx: /^[a-z0-9_-]{1,40}$/,
  // Paradex's client_id: at most 64 characters (its create-order reference states no character set).
  paradex: /^.{1,64}$/,
  // Lighter's client_order_index: an integer from 0 to 2^48 - 1 (281474976710655).
  lighter: /^(?:[1-9][0-9]{0,14}|0)$/,
};

const LONG_TICKET = 'a-very_long-ticket-id-'.repeat(4);
const ids = (venue: VenueId) => [
  ticketOrderId(venue, 't', 0, 'open'), ticketOrderId(venue, LONG_TICKET, 1, 'close'), ticketOrderId(venue, LONG_TICKET, 0, 'unwind'),
  killSwitchOrderId(venue, '1000PEPE/USDT:USDT', LONG_TICKET, 12, 1_765_000_000_000), killSwitchOrderId(venue, 'BTC/USDT:USDT', null, 1, 0),
];

describe('client order ids', () => {
  for (const venue of VENUE_IDS) {
    it(`every id sent to ${venue} fits ${venue}'s documented rule ${VENUE_DOCS[venue].source}`, () => {
      for (const id of ids(venue)) {
        expect(id).toMatch(VENUE_DOCS[venue]);
        expect(clientIdProblem(venue, id)).toBeNull();
      }
    });
  }

  it('are the same for the same ticket, leg and role, and differ by leg and role', () => {
    expect(ticketOrderId('okx', 't1', 0, 'open')).toBe(ticketOrderId('okx', 't1', 0, 'open'));
    expect(new Set([ticketOrderId('okx', 't1', 0, 'open'), ticketOrderId('okx', 't1', 1, 'open'), ticketOrderId('okx', 't1', 0, 'unwind')]).size).toBe(3);
  });

  it('a kill-switch id differs per attempt and per pair sharing a symbol', () => {
    const a = killSwitchOrderId('gate', 'BTC/USDT:USDT', 'p1', 1, 5);
    expect(new Set([a, killSwitchOrderId('gate', 'BTC/USDT:USDT', 'p1', 2, 5), killSwitchOrderId('gate', 'BTC/USDT:USDT', 'p2', 1, 5)]).size).toBe(3);
  });

  it('the 32-character kill-switch id the terminal used to send is refused for Gate in words, before sending', () => {
    expect(clientIdProblem('gate', `ks${'0'.repeat(30)}`)).toMatch(/does not fit gate's rule \(up to 28/);
    expect(clientIdProblem('okx', 'ft-with-dash')).toMatch(/okx's rule \(1 to 32 letters and digits\)/);
    expect(clientIdProblem('hyperliquid', 'ft0123')).toMatch(/0x and 32 hex digits/);
    expect(clientIdProblem('binanceusdm', 'x'.repeat(37))).not.toBeNull();
  });

  it('Gate answers with the t- ccxt put in front; the id kept is the one sent', () => {
    const id = ticketOrderId('gate', 't', 0, 'open');
    expect(ownClientId('gate', `t-${id}`)).toBe(id);
    expect(ownClientId('okx', id)).toBe(id);
    expect(ownClientId('gate', undefined)).toBe('');
  });

  it('a Lighter id is an integer below 2^48, and differs by leg and role', () => {
    const lighter = ids('lighter').map(Number);
    expect(lighter.every((id) => Number.isSafeInteger(id) && id >= 0 && id < 2 ** 48)).toBe(true);
    expect(new Set(lighter).size).toBe(lighter.length);
  });
});
