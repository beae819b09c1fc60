import { build } from 'esbuild';
import { requests, streams } from '../shared/ipc/contract.ts';

/**
 * Bundles the Electron shell for `npm start` and `npm run dist`: main, the engine worker, the study worker and the market-data worker
 * as ES modules, the preload as CommonJS (sandboxed preloads cannot load ES modules).
 * Dependencies stay in node_modules (ccxt, DuckDB's native binding), packed by electron-builder.
 */
const common = { bundle: true, platform: 'node' as const, target: 'node24', sourcemap: true, logLevel: 'warning' as const };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.mjs', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/engine/worker.ts'], outfile: 'dist/electron/engine-worker.mjs', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/engine/studyWorker.ts'], outfile: 'dist/electron/study-worker.mjs', format: 'esm', packages: 'external' }),
  build({ ...common, entryPoints: ['electron/backend/marketFeed/marketWorker.ts'], outfile: 'dist/electron/market-worker.mjs', format: 'esm', packages: 'external' }),
  build({
    ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'],
    // The names only: the preload checks them, main validates the payloads.
    define: { CONTRACT_NAMES: JSON.stringify({ requests: Object.keys(requests), streams: Object.keys(streams) }) },
  }),
]);
console.log('bundled dist/electron/{main.mjs, engine-worker.mjs, study-worker.mjs, market-worker.mjs, preload.cjs}');
