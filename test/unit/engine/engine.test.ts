import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EngineSettings } from '../../../shared/domain/settings.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import { SignalEngine } from '../../../electron/engine/engine.ts';
import { REARM_MARGIN } from '../../../electron/engine/alerts.ts';
import { NOW, q } from './quotes.ts';

const kinds = (alerts: Alert[], kind: Alert['kind']) => alerts.filter((a) => a.kind === kind);

describe('ranking', () => {
  it('ranks by net carry after round-trip fees, so a cheaper pair beats a wider one, and a fee tier can reverse that', () => {
    // A: 0.070 % on Bitget/Gate (taker 0.06 % + 0.05 %); B: 0.068 % on Binance/OKX (0.05 % + 0.05 %); held 1 day.
    const quotes = [q('bitget', 'AAA', 0.0008), q('gate', 'AAA', 0.0001), q('binanceusdm', 'BBB', 0.0001), q('okx', 'BBB', 0.00078)];
    const settings: EngineSettings = { ...DEFAULT_SETTINGS, holdingDays: 1 };
    const order = (s: EngineSettings) => new SignalEngine(s).apply(quotes, NOW).batch.upserts.sort((a, b) => a.rank - b.rank).map((r) => [r.base, r.rank]);
    expect(order(settings)).toEqual([['BBB', 1], ['AAA', 2]]);
    const tier: EngineSettings = { ...settings, fees: [{ venue: 'bitget', taker: 0.0002, maker: 0 }] };
    expect(order(tier)).toEqual([['AAA', 1], ['BBB', 2]]);
  });

  it('puts triggered assets before untriggered ones with a better net carry', () => {
    // CCC: 0.06 % spread, triggered. DDD: 0.059 %, below the trigger, same fees.
    const quotes = [q('binanceusdm', 'CCC', 0.0001), q('okx', 'CCC', 0.0007), q('binanceusdm', 'DDD', 0.00011), q('okx', 'DDD', 0.0007)];
    const rows = new SignalEngine({ ...DEFAULT_SETTINGS, triggerSpreadPer8h: 0.0006 }).apply(quotes, NOW).batch.upserts;
    expect(rows.find((r) => r.base === 'CCC')!.rank).toBe(1);
  });

  it('re-sends rows whose rank moved even when their own quotes did not change', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([q('binanceusdm', 'AAA', 0.0001), q('okx', 'AAA', 0.0008), q('binanceusdm', 'BBB', 0.0001), q('okx', 'BBB', 0.0005)], NOW);
    const next = engine.apply([q('okx', 'BBB', 0.002, 8, { observedAt: NOW + 1000 })], NOW + 1000).batch;
    expect(next.full).toBe(false);
    expect(next.upserts.map((r) => [r.base, r.rank]).sort()).toEqual([['AAA', 2], ['BBB', 1]]);
  });
});

describe('venues switched off', () => {
  it('leave every row at once, their late quotes are ignored, and switched on again they count', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([q('binanceusdm', 'AAA', 0.0001), q('okx', 'AAA', 0.0008), q('bybit', 'AAA', 0.0003), q('okx', 'BBB', 0.0005)], NOW);
    const off = engine.setSettings({ ...DEFAULT_SETTINGS, venuesOff: ['okx'] }, NOW).batch;
    expect(off.full).toBe(true);
    expect(off.upserts.map((r) => r.base)).toEqual(['AAA']);
    expect(off.upserts[0].legs.map((l) => l.venue).sort()).toEqual(['binanceusdm', 'bybit']);
    const late = engine.apply([q('okx', 'AAA', 0.002, 8, { observedAt: NOW + 1000 })], NOW + 1000).batch;
    expect(late.upserts).toEqual([]);
    engine.setSettings(DEFAULT_SETTINGS, NOW + 2000);
    const back = engine.apply([q('okx', 'AAA', 0.002, 8, { observedAt: NOW + 3000 })], NOW + 3000).batch;
    expect(back.upserts.find((r) => r.base === 'AAA')!.legs.some((l) => l.venue === 'okx')).toBe(true);
  });
});

describe('alerts', () => {
  const pair = (base: string, high: number, t: number) => [q('binanceusdm', base, 0.0001, 8, { observedAt: t }), q('bybit', base, high, 8, { observedAt: t })];

  it('fires the trigger alert once on crossing, not on every tick, and not while the spread wobbles on the trigger', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    // Spreads (bybit − binance) per 8 h against the 0.06 % trigger: 0.03, 0.07, 0.08, 0.059, 0.061, 0.055, 0.07.
    const steps = [0.0004, 0.0008, 0.0009, 0.00069, 0.00071, 0.00065, 0.0008];
    const fired = steps.map((high, i) => {
      const t = NOW + i * 5_000;
      return kinds(engine.apply(pair('LINK', high, t), t).alerts, 'trigger').length;
    });
    expect(fired).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('re-arms the trigger once the spread is back below the trigger by the margin, and alerts on the next crossing', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const spreads = [0.0003, 0.0007, 0.00047, 0.0007]; // 0.047 % is below 0.06 % × (1 − 0.2)
    const fired = spreads.map((spread, i) => {
      const t = NOW + i * 5_000;
      return kinds(engine.apply(pair('LINK', 0.0001 + spread, t), t).alerts, 'trigger').length;
    });
    expect(fired).toEqual([0, 1, 0, 1]);
    expect(REARM_MARGIN).toBe(0.2);
  });

  it('does not alert on first sight of an asset that is already triggered', () => {
    expect(kinds(new SignalEngine(DEFAULT_SETTINGS).apply(pair('LINK', 0.0008, NOW), NOW).alerts, 'trigger')).toHaveLength(0);
  });

  it('alerts an extreme rate on the leg that entered it, naming the venue', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(pair('WIF', 0.0005, NOW), NOW);
    const alerts = kinds(engine.apply(pair('WIF', 0.0015, NOW + 1000), NOW + 1000).alerts, 'extreme-rate');
    expect(alerts.map((a) => [a.base, a.venue, a.condition])).toEqual([['WIF', 'bybit', 'extreme:WIF:bybit:WIF/USDT:USDT']]);
    expect(alerts[0].message).toContain('Bybit');
    expect(kinds(engine.apply(pair('WIF', 0.0016, NOW + 2000), NOW + 2000).alerts, 'extreme-rate')).toHaveLength(0);
  });

  it('does not alert a leg seen for the first time on a known row, nor the trigger it completes (a venue answering after the others at start)', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([q('binanceusdm', 'WIF', 0.0001, 8, { observedAt: NOW }), q('okx', 'WIF', 0.0002, 8, { observedAt: NOW })], NOW);
    const late = engine.apply([q('bybit', 'WIF', 0.0015, 8, { observedAt: NOW + 1000 })], NOW + 1000);
    expect(late.batch.upserts[0].triggered).toBe(true);
    expect(late.alerts).toEqual([]);
    engine.apply([q('bybit', 'WIF', 0.0005, 8, { observedAt: NOW + 2000 })], NOW + 2000);
    expect(kinds(engine.apply([q('bybit', 'WIF', 0.0015, 8, { observedAt: NOW + 3000 })], NOW + 3000).alerts, 'extreme-rate')).toHaveLength(1);
  });

  it('a rate flapping on the extreme threshold alerts once; after it clears by the margin and re-enters, again', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    // Per 8 h against the 0.1 % threshold; it re-arms below 0.08 %.
    const rates = [0.0005, 0.00101, 0.00099, 0.00102, 0.00085, 0.001, 0.00079, 0.0011];
    const fired = rates.map((rate, i) => {
      const t = NOW + i * 5_000;
      return kinds(engine.apply(pair('WIF', rate, t), t).alerts, 'extreme-rate').length;
    });
    expect(fired).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('says an extreme rate the way round it was met: −0.1000 % is at or below −0.1000 %, not "beyond ±0.1000 %"', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply(pair('WIF', 0.0005, NOW), NOW);
    const [negative] = kinds(engine.apply(pair('WIF', -0.001, NOW + 1000), NOW + 1000).alerts, 'extreme-rate');
    expect(negative.message).toBe('WIF on Bybit (WIF/USDT:USDT): funding −0.1000 % per 8 h is at or below −0.1000 % per 8 h');
    const other = new SignalEngine(DEFAULT_SETTINGS);
    other.apply(pair('ENA', 0.0005, NOW), NOW);
    expect(kinds(other.apply(pair('ENA', 0.0012, NOW + 1000), NOW + 1000).alerts, 'extreme-rate')[0].message).toMatch(/funding 0\.1200 % per 8 h is at or above \+0\.1000 % per 8 h$/);
  });

  it("follows an asset's own rule: its own extreme limit, named in the sentence; muted, no market alert, and none on un-muting what already held", () => {
    const settings = { ...DEFAULT_SETTINGS, alertRules: [{ base: 'WIF', extremeRatePer8h: 0.003 }, { base: 'ENA', muted: true }] };
    const engine = new SignalEngine(settings);
    engine.apply([...pair('WIF', 0.0005, NOW), ...pair('ENA', 0.0005, NOW)], NOW);
    const t = NOW + 1000;
    const high = engine.apply([...pair('WIF', 0.0015, t), ...pair('ENA', 0.0015, t)], t).alerts;
    expect(kinds(high, 'extreme-rate')).toEqual([]);
    expect(high.map((a) => [a.kind, a.base])).toEqual([['trigger', 'WIF']]); // ENA muted: not even its trigger
    const wif = kinds(engine.apply(pair('WIF', 0.0031, t + 1000), t + 1000).alerts, 'extreme-rate');
    expect(wif.map((a) => a.message)).toEqual(['WIF on Bybit (WIF/USDT:USDT): funding 0.3100 % per 8 h is at or above +0.3000 % per 8 h (this asset\'s limit)']);
    engine.setSettings({ ...settings, alertRules: [] }, t + 2000);
    expect(engine.apply(pair('ENA', 0.0016, t + 3000), t + 3000).alerts).toEqual([]);
  });

  it('announces a settlement window once for a triggered asset whose legs settle within the window', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const settlement = Date.UTC(2026, 2, 1, 16);
    const t = settlement - 10 * 60_000;
    const quotes = pair('SUI', 0.0009, t).map((x) => ({ ...x, nextFundingTime: settlement }));
    const first = kinds(engine.apply(quotes, t).alerts, 'window');
    expect(first).toHaveLength(1);
    expect(first[0].message).toContain('10 min');
    expect(kinds(engine.apply([], t + 1000).alerts, 'window')).toHaveLength(0);
  });

  it('flags BTC/ETH divergence above 0.05 % per 8 h and alerts when it starts', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    const calm = engine.apply([q('binanceusdm', 'BTC', 0.0002), q('bybit', 'BTC', 0.0002), q('binanceusdm', 'ETH', 0.0001), q('bybit', 'ETH', 0.0001)], NOW);
    expect(calm.batch.summary.btcEthDiverging).toBe(false);
    const t = NOW + 1000;
    const apart = engine.apply([q('binanceusdm', 'BTC', 0.0008, 8, { observedAt: t }), q('bybit', 'BTC', 0.0008, 8, { observedAt: t })], t);
    expect(apart.batch.summary.btcEthDivergencePer8h).toBeCloseTo(0.0007, 12);
    expect(apart.batch.summary.btcEthDiverging).toBe(true);
    expect(kinds(apart.alerts, 'divergence')).toHaveLength(1);
  });
});

describe('staleness over time', () => {
  it('a leg that turns stale with no new quote changes its row at the next call', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([q('binanceusdm', 'BTC', 0.0001), q('okx', 'BTC', 0.0008, 8, { observedAt: NOW + 20_000 })], NOW + 20_000);
    const later = engine.apply([], NOW + 31_000).batch; // Binance's 30 s bound passed; OKX (45 s) still fresh
    expect(later.full).toBe(false);
    const row = later.upserts.find((r) => r.base === 'BTC')!;
    expect(row.legs.find((l) => l.venue === 'binanceusdm')!.stale).toBe(true);
    expect(row.spreadPer8h).toBeNull();
    expect(row.triggered).toBe(false);
  });

  it('removes an asset whose quotes no longer carry any rate', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    engine.apply([q('binanceusdm', 'OLD', 0.0001)], NOW);
    const gone = engine.apply([q('binanceusdm', 'OLD', null, 8, { lastSettledRate: null, observedAt: NOW + 1 })], NOW + 1).batch;
    expect(gone.removed).toEqual(['OLD']);
    expect(engine.snapshot().upserts).toHaveLength(0);
  });
});

describe('velocity and persistence inside the engine', () => {
  it('reports the asset mean moving 0.02 % → 0.08 % per 8 h over two hours as +0.03 % per hour', () => {
    const engine = new SignalEngine(DEFAULT_SETTINGS);
    let row;
    for (let m = 0; m <= 120; m++) {
      const t = NOW + m * 60_000;
      const rate = 0.0002 + (0.0006 * m) / 120;
      row = engine.apply([q('binanceusdm', 'ARB', rate, 8, { observedAt: t }), q('bybit', 'ARB', rate, 8, { observedAt: t })], t).batch.upserts.find((r) => r.base === 'ARB');
    }
    expect(row!.velocity.h1).toBeCloseTo(0.0003, 12);
    expect(row!.velocity.h4).toBeNull();
    expect(row!.persistenceHours).toBe(0);
  });
});
