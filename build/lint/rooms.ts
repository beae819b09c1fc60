// The wall: every folder of the product and what it may import (docs/architecture.md, "The wall").
// An allow-list: a folder not listed here is denied until it is, and an import is allowed only
// when its target's folder (or package) is listed for the importing folder. `name/**` is a
// folder and everything below it, as one room; `**` in `may` is anything; `*` in a package or
// file name stands for any name.

const SHARED_PURE = ['shared/domain', 'shared/funding', 'shared/history', 'shared/risk', 'shared/sectors', 'shared/accounts'];
const SHARED = [...SHARED_PURE, 'shared/ipc'];
const BACKEND_SERVICES = [
  'electron/backend/backtest', 'electron/backend/engineClient', 'electron/backend/history', 'electron/backend/marketFeed', 'electron/backend/markets', 'electron/backend/patterns',
  'electron/backend/sectors', 'electron/backend/streams', 'electron/backend/trading', 'electron/backend/trading/brokers',
  'electron/backend/vault',
];
const BACKEND_BASE = ['electron/backend/store', 'electron/backend/log', 'electron/backend/jobs', ...SHARED];
/** Each feature is a room of its own; a new feature folder is listed here before it builds. */
const RENDERER_FEATURES = ['alerts', 'backtest', 'journal', 'keys', 'monitor', 'patterns', 'positions', 'sectorMap', 'sectors', 'settings', 'statusBar', 'symbol', 'ticket', 'fundingWindows', 'heatmap']
  .map((name) => `renderer/features/${name}`);
const feature: Room = { may: [...RENDERER_FEATURES, 'renderer/store', 'renderer/bridge', 'renderer/ui', ...SHARED], packages: ['react', 'lightweight-charts'] };

export interface Room {
  /** Rooms (or single files, by path) this room's files may import. */
  may: string[];
  /** Packages, by name; `node:*` is every Node built-in. */
  packages: string[];
  /** Single files of the room (by name pattern) that alone may import more. */
  files?: Record<string, { may?: string[]; packages?: string[] }>;
}

/**
 * Packages the product (electron/, shared/, renderer/) may import as types only (`import type`),
 * with why; tests and build scripts are free. `import { type X }` still loads the package.
 */
export const typesOnly: Record<string, string> = {
  ccxt: "its barrel loads every exchange class ccxt has (docs/architecture.md, \"Memory\"): take ccxt's classes from electron/backend/markets/ccxtModules.ts",
};

export const rooms: Record<string, Room> = {
  // shared/: pure, both sides. The domain is the floor; the contract composes the domain's schemas.
  'shared/domain': { may: [], packages: ['zod'] },
  'shared/funding': { may: ['shared/domain'], packages: [] },
  'shared/history': { may: ['shared/domain', 'shared/funding'], packages: [] },
  'shared/risk': { may: ['shared/domain', 'shared/funding'], packages: [] },
  'shared/sectors': { may: ['shared/domain', 'shared/history'], packages: [] },
  // One account model (fills, positions, funding) for the paper broker and the venue simulator.
  'shared/accounts': { may: [], packages: [] },
  'shared/ipc': { may: SHARED_PURE, packages: ['zod'] },

  // The engine: pure computation over arrays, time an argument; only the thread entries touch the thread API.
  'electron/engine': {
    may: SHARED, packages: [],
    files: { 'electron/engine/worker.ts': { packages: ['node:worker_threads'] }, 'electron/engine/*Worker.ts': { packages: ['node:worker_threads'] } },
  },

  // The backend, layered: composition root → services → store, log, jobs → shared.
  // Only the Demo wiring (demo.ts) starts the simulator; nothing in the backend imports `electron`.
  'electron/backend': {
    may: [...BACKEND_SERVICES, ...BACKEND_BASE, 'electron/engine'], packages: ['node:*'],
    files: { 'electron/backend/demo.ts': { may: ['electron/simulator'] } },
  },
  'electron/backend/engineClient': { may: [...BACKEND_BASE, 'electron/engine'], packages: ['node:worker_threads'] },
  'electron/backend/history': { may: [...BACKEND_BASE, 'electron/backend/markets'], packages: ['node:*'] },
  'electron/backend/markets': { may: BACKEND_BASE, packages: ['ccxt', 'node:*'] },
  // Market data off the main thread: the worker entry runs the markets room; the client mirrors
  // its quotes. Quotes cross as the engine's columns; no ccxt here (the markets room holds it).
  'electron/backend/marketFeed': { may: [...BACKEND_BASE, 'electron/backend/markets', 'electron/engine/quoteColumns.ts'], packages: ['node:worker_threads'] },
  'electron/backend/patterns': { may: [...BACKEND_BASE, 'electron/engine'], packages: ['node:worker_threads'] },
  'electron/backend/sectors': { may: [...BACKEND_BASE, 'electron/engine'], packages: ['node:*'] },
  'electron/backend/streams': { may: BACKEND_BASE, packages: [] },
  'electron/backend/trading': {
    may: [...BACKEND_BASE, 'electron/backend/trading/brokers', 'electron/backend/markets', 'electron/backend/vault', 'electron/backend/engineClient', 'electron/engine'],
    packages: ['ccxt', 'node:crypto'],
  },
  // The brokers sit below the money path: of trading they use only the venue's market terms,
  // the account's fee tier and the client-id rule, never the gateway, execution or the desk.
  'electron/backend/trading/brokers': {
    may: [
      ...BACKEND_BASE, 'electron/backend/markets', 'electron/backend/vault',
      'electron/backend/trading/venueMarket.ts', 'electron/backend/trading/accountFees.ts', 'electron/backend/trading/clientOrderIds.ts',
    ],
    packages: ['ccxt', 'node:crypto'],
  },
  'electron/backend/vault': { may: [...BACKEND_BASE, 'electron/backend/markets'], packages: ['ccxt', 'zod', 'node:*'] },
  // The journal's rows are stored here (journalStore.ts); their meaning, the ledger, is trading's.
  'electron/backend/store': { may: ['electron/backend/log', ...SHARED], packages: ['@duckdb/node-api', 'node:*'] },
  'electron/backend/log': { may: SHARED, packages: ['node:*'] },
  'electron/backend/jobs': { may: [], packages: [] },
  // The backtest runs the desk, the engine and paper brokers against the simulator, which stands
  // in for the venues' books that history does not record (docs/domain.md §7); one file starts it.
  'electron/backend/backtest': {
    may: [...BACKEND_BASE, 'electron/backend/trading', 'electron/backend/markets', 'electron/backend/vault', 'electron/engine'],
    packages: ['ccxt', 'node:*'],
    files: { 'electron/backend/backtest/backtestVenues.ts': { may: ['electron/simulator'] } },
  },

  // Entry points around the backend.
  'electron/cli': { may: ['electron/backend/markets', 'electron/backend/store', 'electron/backend/backtest', 'electron/engine', ...SHARED], packages: ['node:*'] },
  'electron/host': {
    may: ['electron/backend', 'electron/backend/store', 'electron/backend/streams', 'electron/cli', ...SHARED], packages: ['ws', 'node:*'],
  },
  'electron/main': {
    may: ['electron/backend', 'electron/backend/streams', 'electron/backend/vault', 'electron/host', ...SHARED],
    packages: ['electron', 'electron-updater', 'rotating-file-stream', 'zod', 'node:*'],
  },
  // The preload sees the contract and Electron's bridge API only: no backend, no Node.
  'electron/preload': { may: ['shared/ipc'], packages: ['electron'] },
  // The venue simulator: tests and the demo wiring reach it; it reaches only shared/ and the CLI's argument parsing.
  'electron/simulator': { may: ['electron/simulator/venues', 'electron/cli', ...SHARED], packages: ['ws', 'node:*'] },
  'electron/simulator/venues': { may: ['electron/simulator', ...SHARED], packages: ['@noble/curves', '@noble/hashes', 'node:*'] },

  // The renderer, layered: app → features → store → bridge, ui → shared; it talks to the backend only through window.terminal.
  'renderer': { may: [], packages: ['vite', '@vitejs/plugin-react', 'node:*'] }, // renderer/vite.config.ts: the build, not the page
  'renderer/app': { may: [...RENDERER_FEATURES, 'renderer/store', 'renderer/bridge', 'renderer/ui', ...SHARED], packages: ['react', 'react-dom'] },
  ...Object.fromEntries(RENDERER_FEATURES.map((name) => [name, feature])),
  'renderer/store': { may: ['renderer/bridge', 'renderer/ui', ...SHARED], packages: ['zustand', 'zod'] },
  // The renderer's end of the contract: the client over window.terminal or the host's WebSocket.
  'renderer/bridge': { may: SHARED, packages: ['react'] },
  'renderer/ui': { may: SHARED, packages: ['react'] },

  // Build scripts and tests stand outside the product and may use it all.
  'build/**': { may: ['shared/ipc'], packages: ['esbuild', 'eslint', 'node:*'] },
  'test/**': { may: ['**'], packages: ['*'] },
  // The project root's own config files (lint, test runner).
  '.': { may: ['build/**'], packages: ['*'] },
};
