import { describe, expect, it } from 'vitest';
import { parseFundingCsv, parseUtcTime } from '../../../shared/history/fundingCsv.ts';

const HEADER = 'venue,symbol,time,rate,interval_hours';

describe('parseFundingCsv', () => {
  it('reads good rows with ISO and epoch-ms times into funding points', () => {
    const csv = `${HEADER},mark_price\nbinanceusdm,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0001,8,42000.5\nhyperliquid,BTC/USDC:USDC,1704096000000,0.0000125,1,\n`;
    const { points, errors } = parseFundingCsv(csv, 'a.csv');
    expect(errors).toEqual([]);
    expect(points).toEqual([
      { venue: 'binanceusdm', symbol: 'BTC/USDT:USDT', time: Date.UTC(2024, 0, 1, 8), rate: 0.0001, intervalHours: 8, markPrice: 42000.5 },
      { venue: 'hyperliquid', symbol: 'BTC/USDC:USDC', time: 1704096000000, rate: 0.0000125, intervalHours: 1, markPrice: null },
    ]);
  });

  it('accepts columns in any order and ignores extra columns', () => {
    const csv = 'note,rate,interval_hours,time,symbol,venue\nhello,0.0002,4,2024-01-01T00:00:00Z,ETH/USDT:USDT,bybit';
    const { points, errors } = parseFundingCsv(csv, 'b.csv');
    expect(errors).toEqual([]);
    expect(points).toEqual([{ venue: 'bybit', symbol: 'ETH/USDT:USDT', time: Date.UTC(2024, 0, 1), rate: 0.0002, intervalHours: 4, markPrice: null }]);
  });

  it('handles a BOM, CRLF line ends, quoted fields and blank lines', () => {
    const csv = `\ufeff${HEADER},comment\r\n\r\n"okx","BTC/USDT:USDT","2024-01-01T00:00:00Z","0.0003","8","a, ""quoted"" note"\r\n`;
    const { points, errors } = parseFundingCsv(csv, 'c.csv');
    expect(errors).toEqual([]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ venue: 'okx', rate: 0.0003 });
  });

  it('reports each bad row with its 1-based line number and keeps the good rows', () => {
    const csv = [
      HEADER,
      'binanceusdm,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', // 2 good
      'Binance USDM,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', // 3 venue
      'bybit,BTCUSDT,2024-01-01T00:00:00Z,0.0001,8', // 4 symbol
      'bybit,BTC/USDT:USDT,yesterday,0.0001,8', // 5 time
      'bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,abc,8', // 6 rate
      'bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,0', // 7 interval
      'bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001', // 8 columns
      'binanceusdm,BTC/USDT:USDT,1704067200000,0.0002,8', // 9 duplicate of line 2
      'bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,-4', // 10 interval
      'bybit,BTC/USDT:USDT,"2024-01-01T00:00:00Z,0.0001,8', // 11 unclosed quote
      'gate,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', // 12 good
    ].join('\n');
    const { points, errors } = parseFundingCsv(csv, 'bad.csv');
    expect(points.map((p) => p.venue)).toEqual(['binanceusdm', 'gate']);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const text = errors.map((e) => e.message);
    expect(text[0]).toMatch(/venue "Binance USDM" is not a ccxt exchange id/);
    expect(text[1]).toMatch(/symbol "BTCUSDT" is not a unified perpetual symbol BASE\/QUOTE:SETTLE/);
    expect(text[2]).toMatch(/time "yesterday" is not ISO-8601/);
    expect(text[3]).toMatch(/rate "abc" is not a number/);
    expect(text[4]).toMatch(/interval_hours must be greater than 0, found 0/);
    expect(text[5]).toMatch(/expected 5 columns as in the header, found 4/);
    expect(text[6]).toMatch(/duplicate settlement: binanceusdm BTC\/USDT:USDT at 2024-01-01T00:00:00.000Z already on line 2/);
    expect(text[7]).toMatch(/interval_hours must be greater than 0, found -4/);
    expect(text[8]).toMatch(/quoted field is not closed/);
  });

  it('rows out of time order are all kept, and a repeat is still caught after the series went back in time', () => {
    const rows = [HEADER, ...[16, 8, 0, 24, 8].map((h) => `okx,BTC/USDT:USDT,${Date.UTC(2024, 0, 1, h)},0.0001,8`)];
    const { points, errors } = parseFundingCsv(rows.join('\n'), 'order.csv');
    expect(points.map((p) => new Date(p.time).getUTCHours())).toEqual([16, 8, 0, 0]);
    expect(errors).toEqual([{ line: 6, message: expect.stringMatching(/already on line 3$/) }]);
  });

  it('times written with an offset are stored as the UTC instant they name', () => {
    const csv = `${HEADER}\nbybit,BTC/USDT:USDT,2021-01-01T03:00:00+03:00,0.0001,8\ngate,BTC/USDT:USDT,2021-01-01T00:00:00Z,0.0001,8\n`;
    const { points } = parseFundingCsv(csv, 'tz.csv');
    expect(points.map((p) => p.time)).toEqual([Date.UTC(2021, 0, 1), Date.UTC(2021, 0, 1)]);
  });

  it('an impossible calendar date is refused, not rolled over', () => {
    const { errors } = parseFundingCsv(`${HEADER}\nbybit,BTC/USDT:USDT,2023-02-29T00:00:00Z,0.0001,8\n`, 'date.csv');
    expect(errors).toEqual([{ line: 2, message: expect.stringMatching(/time "2023-02-29T00:00:00Z" is not ISO-8601/) }]);
  });

  it('counts physical lines, blank ones included, when numbering errors', () => {
    const { errors } = parseFundingCsv(`${HEADER}\n\n\nbybit,BTC/USDT:USDT,x,0.1,8\n`, 'f.csv');
    expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/time "x"/) }]);
  });

  it('a missing header column is one error saying what is missing', () => {
    const { points, errors } = parseFundingCsv('venue,symbol,time,rate\nbybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.1\n', 'h.csv');
    expect(points).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].line).toBe(1);
    expect(errors[0].message).toMatch(/^header must name the columns .*missing interval_hours/);
  });

  it('a file of data rows without a header is refused as a whole', () => {
    const { points, errors } = parseFundingCsv('bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.1,8\n', 'n.csv');
    expect(points).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/missing venue, symbol, time, rate, interval_hours/);
  });

  it('a row written plainly and the same row with spaces, exponents and other time forms give the same point', () => {
    const plain = 'bybit,BTC/USDT:USDT,2024-03-01T08:00:00Z,-0.000125,8,61000.25';
    const spelled = [' bybit ,BTC/USDT:USDT ,2024-03-01T08:00:00.000Z,-1.25e-4,8.0,61000.25', 'bybit,BTC/USDT:USDT,1709280000000, -0.000125,8,6.100025e4', 'bybit,BTC/USDT:USDT,2024-03-01 11:00:00+03:00,-0.000125,08,61000.250'];
    for (const row of spelled) {
      // Each file starts a new reader; the plain row comes second, once its series is known.
      const { points, errors } = parseFundingCsv(`${HEADER},mark_price\n${row}\n${plain.replace('08:00', '16:00')}`, 'same.csv');
      expect(errors).toEqual([]);
      expect(points).toEqual([
        { venue: 'bybit', symbol: 'BTC/USDT:USDT', time: Date.UTC(2024, 2, 1, 8), rate: -0.000125, intervalHours: 8, markPrice: 61000.25 },
        { venue: 'bybit', symbol: 'BTC/USDT:USDT', time: Date.UTC(2024, 2, 1, 16), rate: -0.000125, intervalHours: 8, markPrice: 61000.25 },
      ]);
    }
  });

  it('reads every decimal rate exactly as Number() does', () => {
    const texts: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const rate = (Math.random() - 0.5) * 0.1;
      texts.push(i % 3 === 0 ? String(rate) : rate.toFixed(1 + (i % 18)));
    }
    const rows = texts.map((rate, i) => `okx,BTC/USDT:USDT,${1_704_067_200_000 + i * 3_600_000},${rate},8`);
    const { points, errors } = parseFundingCsv([HEADER, ...rows].join('\n'), 'decimals.csv');
    expect(errors).toEqual([]);
    expect(points.map((p) => p.rate)).toEqual(texts.map(Number));
  });

  it('finds a repeat and a row out of time order after rows read in order', () => {
    const rows = ['okx,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', 'okx,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0001,8', 'okx,BTC/USDT:USDT,2024-01-01T04:00:00Z,0.0001,8', 'okx,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0002,8'];
    const { points, errors } = parseFundingCsv([HEADER, ...rows].join('\n'), 'order.csv');
    expect(points.map((p) => p.time)).toEqual([Date.UTC(2024, 0, 1, 0), Date.UTC(2024, 0, 1, 8), Date.UTC(2024, 0, 1, 4)]);
    expect(errors).toEqual([{ line: 5, message: 'duplicate settlement: okx BTC/USDT:USDT at 2024-01-01T08:00:00.000Z already on line 3' }]);
  });

  it('a time without its zone is refused after rows of the same day were read, as on the first row of a day', () => {
    const good = ['okx,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', 'okx,BTC/USDT:USDT,2024-01-01T04:00:00Z,0.0001,8'];
    const bad = ['okx,BTC/USDT:USDT,2024-01-01T08:00:00 ,0.0001,8', 'okx,BTC/USDT:USDT,2024-01-01T12:00:00.000+,0.0001,8'];
    const { points, errors } = parseFundingCsv([HEADER, ...good, ...bad].join('\n'), 'zone.csv');
    expect(points.map((p) => p.time)).toEqual([Date.UTC(2024, 0, 1, 0), Date.UTC(2024, 0, 1, 4)]);
    expect(errors).toEqual([
      { line: 4, message: 'time "2024-01-01T08:00:00" has no time zone; add Z for UTC or an offset such as +03:00' },
      { line: 5, message: 'time "2024-01-01T12:00:00.000+" is not ISO-8601 (2024-01-01T08:00:00Z) nor epoch milliseconds' },
    ]);
  });

  it('an empty file is one error', () => {
    expect(parseFundingCsv('\n \n', 'e.csv').errors).toEqual([{ line: 1, message: expect.stringMatching(/the file is empty/) }]);
  });

  it('parses 500,000 rows and says how long it took', () => {
    const start = Date.UTC(2020, 0, 1);
    const rows = [HEADER];
    for (let i = 0; i < 500_000; i++) rows.push(`binanceusdm,S${i % 500}/USDT:USDT,${start + Math.floor(i / 500) * 3_600_000},0.0001,8`);
    const text = rows.join('\n');
    const t0 = performance.now();
    const { points, errors } = parseFundingCsv(text, 'big.csv');
    console.log(`parseFundingCsv: 500,000 rows in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(errors).toEqual([]);
    expect(points).toHaveLength(500_000);
  });
});

describe('parseFundingCsv: venues the terminal knows and plausible rates', () => {
  const knownVenues = new Set(['binanceusdm', 'bybit', 'okx', 'dydx']);

  it('rejects a row of an unknown venue by line, naming the venue and the nearest known id', () => {
    const csv = [
      HEADER,
      'binanceusdm,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.0001,8', // 2 good
      'binanceusd,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0001,8', // 3 typo of binanceusdm
      'dydx,BTC/USD:USD,2024-01-01T00:00:00Z,0.00002,1', // 4 known, not traded: kept
      'ftx,BTC/USD:USD,2024-01-01T00:00:00Z,0.0001,1', // 5 nothing near
      'binanceusd,BTC/USDT:USDT,2024-01-01T16:00:00Z,0.0001,8', // 6 the same typo again
    ].join('\n');
    const { points, errors } = parseFundingCsv(csv, 'v.csv', { knownVenues });
    expect(points.map((p) => p.venue)).toEqual(['binanceusdm', 'dydx']);
    expect(errors).toEqual([
      { line: 3, message: 'venue "binanceusd" is not a venue the terminal knows; did you mean binanceusdm?' },
      { line: 5, message: 'venue "ftx" is not a venue the terminal knows (use a ccxt exchange id, e.g. binanceusdm)' },
      { line: 6, message: 'venue "binanceusd" is not a venue the terminal knows; did you mean binanceusdm?' },
    ]);
  });

  it('without a list of venues any well-formed id passes, as before', () => {
    const { points, errors } = parseFundingCsv(`${HEADER}\nftx,BTC/USD:USD,2024-01-01T00:00:00Z,0.0001,1`, 'v.csv');
    expect(errors).toEqual([]);
    expect(points).toHaveLength(1);
  });

  it('flags a rate beyond any cap by line and says when the file looks like percent', () => {
    const csv = [
      HEADER,
      'bybit,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.02,8', // 2 Binance's 2 % cap: plausible
      'bybit,BTC/USDT:USDT,2024-01-01T08:00:00Z,0.0123,8', // 3 1.23 %: plausible as a decimal
      'bybit,BTC/USDT:USDT,2024-01-01T16:00:00Z,-0.05,8', // 4 exactly the bound: kept
      'okx,BTC/USDT:USDT,2024-01-01T00:00:00Z,0.75,8', // 5 0.75 % written in percent
      'okx,BTC/USDT:USDT,2024-01-01T08:00:00Z,-12,8', // 6 -1200 %: not even percent
    ].join('\n');
    const { points, errors } = parseFundingCsv(csv, 'r.csv', { knownVenues });
    expect(points.map((p) => p.rate)).toEqual([0.02, 0.0123, -0.05]);
    expect(errors).toEqual([
      { line: 5, message: "rate 0.75 reads as 75 % per 8 h, beyond the ±5 % no venue's cap allows: the file looks like percent; write rates as decimals (0.0075)" },
      { line: 6, message: "rate -12 reads as -1200 % per 8 h, beyond the ±5 % no venue's cap allows even if the file were in percent" },
    ]);
  });
});

describe('parseUtcTime', () => {
  it('Z, +00:00 and an offset name the same instant when they should', () => {
    const utc = Date.UTC(2021, 0, 1, 0);
    expect(parseUtcTime('2021-01-01T00:00:00Z')).toBe(utc);
    expect(parseUtcTime('2021-01-01 00:00:00+00:00')).toBe(utc);
    expect(parseUtcTime('2021-01-01T03:00:00+03:00')).toBe(utc);
    expect(parseUtcTime('2021-01-01T03:00:00.000+0300')).toBe(utc);
    expect(parseUtcTime('2020-12-31T19:00-05:00')).toBe(utc);
  });

  it('a time without a zone is refused rather than guessed', () => {
    expect(parseUtcTime('2021-01-01 03:00:00')).toMatch(/has no time zone; add Z for UTC or an offset/);
    expect(parseUtcTime('2021-01-01')).toMatch(/has no time zone/);
  });

  it('epoch seconds are refused with a hint; epoch milliseconds are taken as they are', () => {
    expect(parseUtcTime('1704067200')).toMatch(/looks like epoch seconds/);
    expect(parseUtcTime('1704067200000')).toBe(1704067200000);
  });
});
