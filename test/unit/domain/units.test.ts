import { describe, expect, it } from 'vitest';
import ccxt from 'ccxt';
import type { MarketInterface } from 'ccxt';
import { amountOf, coinPrice, coinsOf, levelsInCoins, marketUnits, venuePrice } from '../../../shared/domain/units.ts';
import { unitsOfMarket } from '../../../electron/backend/markets/marketUnits.ts';

describe('coins of the asset, venue amounts and USD', () => {
  it('one 1000PEPE unit is 1000 PEPE and is priced per 1000 PEPE', () => {
    const units = marketUnits('1000PEPE');
    expect(units).toEqual({ asset: 'PEPE', coinsPerAmount: 1000, coinsPerPriceUnit: 1000 });
    expect(coinsOf(units, 201_000)).toBe(201_000_000);
    expect(amountOf(units, 201_000_000)).toBe(201_000);
    expect(coinPrice(units, 0.0034)).toBeCloseTo(0.0000034, 15);
  });

  it('kPEPE, 1000000MOG and 1MBABYDOGE carry their multipliers; 1INCH is a name, not a multiplier', () => {
    expect(marketUnits('kPEPE')).toEqual({ asset: 'PEPE', coinsPerAmount: 1000, coinsPerPriceUnit: 1000 });
    expect(marketUnits('1000000MOG')).toEqual({ asset: 'MOG', coinsPerAmount: 1_000_000, coinsPerPriceUnit: 1_000_000 });
    expect(marketUnits('1MBABYDOGE')).toEqual({ asset: 'BABYDOGE', coinsPerAmount: 1_000_000, coinsPerPriceUnit: 1_000_000 });
    expect(marketUnits('1INCH')).toEqual({ asset: '1INCH', coinsPerAmount: 1, coinsPerPriceUnit: 1 });
  });

  it('a contract of 10,000,000 PEPE counts that many coins but is priced per PEPE', () => {
    const units = marketUnits('PEPE', 10_000_000);
    expect(coinsOf(units, 20)).toBe(200_000_000);
    expect(coinPrice(units, 0.0000034)).toBe(0.0000034);
  });

  it('a leg is worth the same USD counted in venue amounts at venue prices or in coins at coin prices', () => {
    for (const [base, size, amount, price] of [['1000PEPE', 1, 201_000, 0.0034], ['PEPE', 1e7, 20, 0.0000034], ['kPEPE', 1, 5_000, 0.0034], ['BTC', 0.0001, 123, 70_000]] as const) {
      const units = marketUnits(base, size);
      expect(coinsOf(units, amount) * coinPrice(units, price)).toBeCloseTo(amount * size * price, 9);
      expect(venuePrice(units, coinPrice(units, price))).toBeCloseTo(price, 15);
    }
  });

  it('contracts of 0.0001 BTC add up without binary noise: 123 are 0.0123 BTC', () => {
    expect(coinsOf(marketUnits('BTC', 0.0001), 123)).toBe(0.0123);
    expect(amountOf(marketUnits('BTC', 0.0001), 0.0123)).toBe(123);
  });

  it('book levels come out as price per coin and coins', () => {
    const [[price, coins]] = levelsInCoins(marketUnits('1000PEPE'), [[0.0034, 50]]);
    expect(price).toBeCloseTo(0.0000034, 15);
    expect(coins).toBe(50_000);
  });

  it('refuses a contract size that is not a positive number, naming the market', () => {
    expect(() => marketUnits('PEPE', 0)).toThrow(/PEPE: contract size 0/);
  });
});

describe('the units of a ccxt market', () => {
  it("Hyperliquid's kPEPE keeps its multiplier through ccxt's upper-cased base, from the venue's own name", () => {
    const market = { symbol: 'KPEPE/USDC:USDC', base: 'KPEPE', baseName: 'kPEPE', contractSize: 1 } as unknown as MarketInterface;
    expect(unitsOfMarket(market)).toEqual({ asset: 'PEPE', coinsPerAmount: 1000, coinsPerPriceUnit: 1000 });
  });

  it("an OKX swap parsed by ccxt counts ctVal coins per contract", () => {
    const okx = new ccxt.okx();
    const market = okx.parseMarkets([{
      instType: 'SWAP', instId: 'PEPE-USDT-SWAP', uly: 'PEPE-USDT', instFamily: 'PEPE-USDT', settleCcy: 'USDT', ctVal: '10000000', ctMult: '1', ctValCcy: 'PEPE',
      ctType: 'linear', lotSz: '1', minSz: '1', tickSz: '0.0000000001', lever: '50', state: 'live', baseCcy: '', quoteCcy: '', listTime: '1683000000000', expTime: '',
    }])[0] as MarketInterface;
    expect(market.symbol).toBe('PEPE/USDT:USDT');
    expect(unitsOfMarket(market)).toEqual({ asset: 'PEPE', coinsPerAmount: 10_000_000, coinsPerPriceUnit: 1 });
  });
});
