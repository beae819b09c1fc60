import { describe, expect, it } from 'vitest';
import { formatSectorCsv, parseSectorCsv } from '../../../shared/sectors/sectorCsv.ts';
import { parsePriceCsv } from '../../../shared/history/priceCsv.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';

describe('sector CSV base,sector', () => {
  it('exporting the default map and importing it back gives the same map', () => {
    const { map, errors } = parseSectorCsv(formatSectorCsv(DEFAULT_SECTOR_MAP), 'sectors.csv');
    expect(errors).toEqual([]);
    expect(map).toEqual(new Map(DEFAULT_SECTOR_MAP));
  });

  it('canonicalises venue tickers (1000PEPE → PEPE) and reports each bad line by number', () => {
    const text = 'base,sector\n1000PEPE,Meme\nBTC\n,Layer 1\nPEPE,DeFi\nETH,Layer 1\n';
    const { map, errors } = parseSectorCsv(text, 'mine.csv');
    expect([...map]).toEqual([['PEPE', 'Meme'], ['ETH', 'Layer 1']]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[2].message).toContain('PEPE is already in sector "Meme"');
  });

  it('a file without the header is rejected on line 1, naming the file', () => {
    const { errors } = parseSectorCsv('BTC,Layer 1\n', 'mine.csv');
    expect(errors).toEqual([{ line: 1, message: expect.stringContaining('mine.csv') }]);
  });
});

describe('price CSV venue,symbol,time,close', () => {
  it('reads epoch ms and ISO times with a zone', () => {
    const { points, errors } = parsePriceCsv('venue,symbol,time,close\nbinanceusdm,BTCUSDT,1767225600000,87000.5\nokx,BTC-USDT-SWAP,2026-01-01T00:00:00Z,87001\n', 'p.csv');
    expect(errors).toEqual([]);
    expect(points).toEqual([
      { venue: 'binanceusdm', symbol: 'BTCUSDT', time: 1767225600000, close: 87000.5 },
      { venue: 'okx', symbol: 'BTC-USDT-SWAP', time: 1767225600000, close: 87001 },
    ]);
  });

  it('reports a zone-less time, a non-positive close, a bad venue and a short row with their line numbers', () => {
    const text = 'venue,symbol,time,close\nbinanceusdm,BTCUSDT,2026-01-01 00:00,1\nbinanceusdm,BTCUSDT,1767225600000,0\nBinance,BTCUSDT,1767225600000,1\nbinanceusdm,BTCUSDT,1767225600000\n';
    const { points, errors } = parsePriceCsv(text, 'p.csv');
    expect(points).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(errors[0].message).toContain('no time zone');
    expect(errors[1].message).toContain('positive');
  });
});
