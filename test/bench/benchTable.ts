import type { BenchResult } from './types.ts';

/** Three significant digits, without exponent notation for the sizes benches print. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.1 ? 3 : 4;
  return value.toFixed(decimals);
}

/** The runner's table: name, value, unit, baseline, ratio (baseline / value: above 1 = faster than baseline), target. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'target'];
  const rows = results.map((r) => [
    r.name,
    formatFigure(r.value),
    r.unit,
    r.baseline === undefined ? '' : formatFigure(r.baseline),
    r.baseline === undefined || r.value === 0 ? '' : `${formatFigure(r.baseline / r.value)}×`,
    r.target ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const numeric = new Set([1, 3, 4]);
  const line = (cells: string[]) => cells.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
