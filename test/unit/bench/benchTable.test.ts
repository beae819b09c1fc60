import { describe, expect, it } from 'vitest';
import { formatBenchTable, formatFigure } from '../../bench/benchTable.ts';
import { percentile } from '../../bench/sampleStats.ts';

describe('benchmark table', () => {
  it('prints ratio = baseline / value and aligns the columns', () => {
    const table = formatBenchTable([
      { name: 'full', value: 0.5, unit: 'ms', baseline: 10, target: '≤ 2 ms' },
      { name: 'round trip', value: 12.345, unit: 'ms' },
    ]).split('\n');
    expect(table[0]).toMatch(/^name\s+value\s+unit\s+baseline\s+ratio\s+target$/);
    expect(table[2]).toMatch(/^full\s+0\.500\s+ms\s+10\.0\s+20\.0×\s+≤ 2 ms$/);
    expect(table[3]).toMatch(/^round trip\s+12\.3\s+ms$/);
    expect(new Set(table.slice(2).map((line) => line.indexOf('ms')))).toEqual(new Set([table[2].indexOf('ms')]));
  });

  it('keeps three significant digits', () => {
    expect([formatFigure(0.01234), formatFigure(1.234), formatFigure(1234.5)]).toEqual(['0.0123', '1.23', '1235']);
  });

  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(samples, 50), percentile(samples, 95), percentile(samples, 100)]).toEqual([50, 95, 100]);
  });
});
