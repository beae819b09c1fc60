import { describe, expect, it } from 'vitest';
import { hip3DexOfSymbol, legVenueLabel } from '../../../shared/domain/venues.ts';
import { pairSideLabel } from '../../../shared/funding/spread.ts';

const leg = (venue: 'hyperliquid' | 'binanceusdm', symbol: string, ratePer8h: number, stale = false) => ({ venue, symbol, ratePer8h, stale });

describe('HIP-3 pair labels (docs/venues.md, "Hyperliquid HIP-3")', () => {
  it("reads a Hyperliquid HIP-3 perp's dex from ccxt's DEX-COIN symbol, none for the main dex or another venue", () => {
    expect(hip3DexOfSymbol('hyperliquid', 'XYZ-BTC/USDC:USDC')).toBe('xyz');
    expect(hip3DexOfSymbol('hyperliquid', 'FLX-ETH/USDH:USDH')).toBe('flx');
    expect(hip3DexOfSymbol('hyperliquid', 'KPEPE/USDC:USDC')).toBeNull();
    expect(hip3DexOfSymbol('binanceusdm', 'XYZ-BTC/USDT:USDT')).toBeNull();
    expect(legVenueLabel('hyperliquid', 'XYZ-BTC/USDC:USDC')).toBe('Hyperliquid xyz');
    expect(legVenueLabel('hyperliquid', 'XYZ-BTC/USDC:USDC', 'short')).toBe('HL xyz');
    expect(legVenueLabel('hyperliquid', 'BTC/USDC:USDC')).toBe('Hyperliquid');
  });

  it("names the side by the leg the pair takes: Hyperliquid's lowest fresh rate for a long, its highest for a short", () => {
    const legs = [leg('hyperliquid', 'BTC/USDC:USDC', 0.0002), leg('hyperliquid', 'XYZ-BTC/USDC:USDC', -0.0003), leg('hyperliquid', 'XYZ-BTC/USDC:USDC', -0.0009, true), leg('binanceusdm', 'BTC/USDT:USDT', 0.0001)];
    expect(pairSideLabel(legs, 'hyperliquid', 'buy')).toBe('Hyperliquid xyz');
    expect(pairSideLabel(legs, 'hyperliquid', 'sell')).toBe('Hyperliquid');
    expect(pairSideLabel(legs, 'binanceusdm', 'sell')).toBe('Binance');
  });
});
