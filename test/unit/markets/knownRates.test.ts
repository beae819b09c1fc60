import type { FundingRate } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { marketUnits } from '../../../shared/domain/units.ts';
import { knownRates } from '../../../electron/backend/markets/adapter.ts';
import type { PerpMarket } from '../../../electron/backend/markets/perpMarkets.ts';
import { VenueError } from '../../../electron/backend/markets/venueErrors.ts';

const btc: PerpMarket = { symbol: 'BTC/USDT:USDT', id: 'BTCUSDT', base: 'BTC', multiplier: 1, settle: 'USDT', units: marketUnits('BTC'), info: {} };
const markets = new Map([[btc.symbol, btc]]);
const rate = (symbol: string) => ({ symbol, info: {}, fundingRate: 0.0001 }) as FundingRate;

describe('the funding rates an adapter accepts', () => {
  it('an empty answer (what ccxt returns for a garbage body) is a bad-response fault, not "no symbols"', () => {
    expect(() => knownRates('binanceusdm', {}, markets)).toThrow(VenueError);
    try {
      knownRates('binanceusdm', {}, markets);
    } catch (error) {
      expect((error as VenueError).kind).toBe('bad-response');
    }
  });

  it('symbols listed after the last market load (keyed by raw id) are skipped until the next reload', () => {
    const accepted = knownRates('binanceusdm', { 'BTC/USDT:USDT': rate('BTC/USDT:USDT'), NEWCOINUSDT: rate('NEWCOINUSDT') }, markets);
    expect(accepted.map(([market]) => market.symbol)).toEqual(['BTC/USDT:USDT']);
  });
});
