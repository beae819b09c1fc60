/**
 * `npm run bench [-- --filter <name>]`: loads every `test/bench/*.bench.ts` (or those whose file
 * name contains <name>), runs each one's `run()`, and prints one aligned table. A bench that
 * throws is reported by file name and makes the exit code 1; the others still run. Each bench is
 * framed by the machine's 1-minute load average, so a busy run is read as one.
 */

/** The 1-minute load average as a table row; above the core count, figures are inflated. */
function loadRow(moment: string, file: string): BenchResult {
  return { name: `machine load ${moment} ${file} (1-min average, ${availableParallelism()} cores)`, value: loadavg()[0], unit: 'load' };
}
import { readdir } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatBenchTable } from './benchTable.ts';
import type { BenchModule, BenchResult } from './types.ts';

function filterArg(argv: readonly string[]): string | null {
  const at = argv.indexOf('--filter');
  if (at < 0) return null;
  const value = argv[at + 1];
  if (!value) throw new Error('--filter needs a name, e.g. --filter engine');
  return value;
}

async function main(): Promise<number> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const filter = filterArg(process.argv.slice(2));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts') && (filter === null || f.includes(filter))).sort();
  if (files.length === 0) {
    console.error(`no benchmark in ${dir}${filter ? ` matches "${filter}"` : ''}`);
    return 1;
  }
  const results: BenchResult[] = [];
  let failed = 0;
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(join(dir, file)).href)) as Partial<BenchModule>;
      if (typeof mod.run !== 'function') throw new Error('exports no run(): Promise<BenchResult[]>');
      console.error(`running ${file} … (load ${loadavg()[0].toFixed(2)})`);
      results.push(loadRow('before', file));
      results.push(...(await mod.run()));
      results.push(loadRow('after', file));
    } catch (err) {
      failed++;
      console.error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(formatBenchTable(results));
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
