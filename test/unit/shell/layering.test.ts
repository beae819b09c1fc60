import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { rooms } from '../../../build/lint/rooms.ts';

/**
 * The import wall (build/lint/rooms.ts, an allow-list per folder) is the lint rule
 * `wall/imports`. Each wall is proved here with an import it must refuse: a rule nobody checks
 * decays. Files need not exist; the rule reads the path it is given.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'wall/imports').map((m) => m.message);
}

describe('the import wall refuses', () => {
  it.each([
    // shared/ is pure and the domain is its floor.
    ['shared/funding/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/ipc/x.ts', "import { ipcMain } from 'electron';"],
    ['shared/domain/x.ts', "import ccxt from 'ccxt';"],
    ['shared/domain/x.ts', "import { startHost } from '../../electron/host/server.ts';"],
    ['shared/domain/x.ts', "import { requests } from '../ipc/contract.ts';"],
    // The engine is pure; it imports shared/ only.
    ['electron/engine/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/engine/x.ts', "import ccxt from 'ccxt';"],
    ['electron/engine/x.ts', "import { runScan } from '../cli/scan.ts';"],
    // The backend never imports electron, and its layers point down.
    ['electron/backend/markets/x.ts', "import { safeStorage } from 'electron';"],
    ['electron/backend/store/x.ts', "import { createGateway } from '../trading/gateway.ts';"],
    // No exception is left: the store keeps the journal's rows, trading folds them (store/journalStore.ts).
    ['electron/backend/store/duckdb.ts', "import { createLedger } from '../trading/ledger.ts';"],
    ['electron/backend/store/duckdb.ts', "import { journalOf } from '../trading/journal.ts';"],
    ['electron/backend/vault/x.ts', "import { createLiveBroker } from '../trading/brokers/live.ts';"],
    ['electron/backend/trading/brokers/x.ts', "import { createGateway } from '../gateway.ts';"],
    ['electron/backend/markets/x.ts', "import { startPeriodicJob } from '../../backend/backend.ts';"],
    // Market data's main-thread side holds no ccxt and no money path; the engine's columns are all it takes of the engine.
    ['electron/backend/marketFeed/x.ts', "import ccxt from 'ccxt';"],
    ['electron/backend/marketFeed/x.ts', "import { createGateway } from '../trading/gateway.ts';"],
    ['electron/backend/marketFeed/x.ts', "import { SignalEngine } from '../../engine/engine.ts';"],
    ['electron/backend/markets/x.ts', "import { startMarketFeed } from '../marketFeed/marketFeed.ts';"],
    // The simulator is reached only from the Demo wiring (demo.ts), the backtest's venues (backtestVenues.ts) and tests.
    ['electron/backend/trading/x.ts', "import { DEMO_CREDENTIAL } from '../../simulator/credentials.ts';"],
    ['electron/backend/backend.ts', "import { startSimulator } from '../simulator/server.ts';"],
    ['electron/backend/backtest/historyFeed.ts', "import { startSimulator } from '../../simulator/server.ts';"],
    ['electron/host/x.ts', "import { startSimulator } from '../simulator/server.ts';"],
    ['electron/host/x.ts', "import { createTerminalWindow } from '../main/window.ts';"],
    // The preload sees the contract and Electron only.
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/preload/x.ts', "import { createBackend } from '../backend/backend.ts';"],
    // The renderer: app → features → store → bridge, ui → shared; nothing of the main process.
    ['renderer/features/monitor/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';"],
    ['renderer/features/monitor/x.ts', "import { createBackend } from '../../../electron/backend/backend.ts';"],
    ['renderer/features/monitor/x.ts', "import { App } from '../../app/App.tsx';"],
    ['renderer/store/x.ts', "import { TicketScreen } from '../features/ticket/TicketScreen.tsx';"],
    ['renderer/ui/x.ts', "import { useClock } from '../store/clockStore.ts';"],
    ['renderer/bridge/x.ts', "import { useUi } from '../store/uiStore.ts';"],
    // ccxt's classes come through ccxtModules.ts only: its barrel loads every exchange class (docs/architecture.md, "Memory").
    ['electron/backend/markets/x.ts', "import ccxt from 'ccxt';"],
    ['electron/backend/trading/x.ts', "import { BaseError } from 'ccxt';"],
    ['electron/backend/trading/brokers/x.ts', "import { type Exchange } from 'ccxt';"],
    ['electron/backend/vault/x.ts', "const ccxt = await import('ccxt');"],
    ['electron/backend/markets/x.ts', "export { NetworkError } from 'ccxt';"],
    // Built-ins by their node: name only, so the wall can tell them from packages.
    ['electron/backend/store/x.ts', "import { readFileSync } from 'fs';"],
  ])('%s: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it('a folder nobody listed, until it is listed', async () => {
    const [message] = await violations('electron/backend/newroom/x.ts', "import { z } from 'zod';");
    expect(message).toContain('electron/backend/newroom is not in the wall');
    expect(await violations('renderer/features/newfeature/x.ts', '')).toHaveLength(1);
  });
});

describe('the import wall lets through', () => {
  it.each([
    ['shared/funding/x.ts', "import { VenueIdSchema } from '../domain/quotes.ts';"],
    ['shared/domain/x.ts', "import { z } from 'zod';"],
    ['electron/backend/markets/x.ts', "import type { Exchange } from 'ccxt';"],
    ['electron/backend/trading/brokers/x.ts', "import type * as Ccxt from 'ccxt';"],
    ['test/unit/x.ts', "import ccxt from 'ccxt';"],
    ['electron/backend/trading/x.ts', "import { openStore } from '../store/duckdb.ts';"],
    ['electron/backend/demo.ts', "import { startSimulator } from '../simulator/server.ts';"],
    ['electron/backend/backtest/backtestVenues.ts', "import { startSimulator } from '../../simulator/server.ts';"],
    ['electron/engine/worker.ts', "import { parentPort } from 'node:worker_threads';"],
    ['electron/backend/marketFeed/marketWorker.ts', "import { createMarketData } from '../markets/marketData.ts';"],
    ['electron/backend/marketFeed/x.ts', "import { QuoteEncoder } from '../../engine/quoteColumns.ts';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['renderer/app/x.ts', "import { ratePer8h } from '../../shared/funding/normalise.ts';"],
    ['renderer/features/ticket/x.ts', "import { useBridge } from '../../bridge/bridgeContext.ts';"],
    ['renderer/features/ticket/x.ts', "import { Countdown } from '../fundingWindows/Countdown.tsx';"],
    ['test/unit/x.ts', "import { startSimulator } from '../../electron/simulator/server.ts';"],
  ])('%s: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });

  it('every room names only rooms, or files, that exist in the table', () => {
    const names = new Set(Object.keys(rooms));
    for (const [room, rule] of Object.entries(rooms)) {
      const listed = [...rule.may, ...Object.values(rule.files ?? {}).flatMap((more) => more.may ?? [])];
      for (const target of listed) expect(target === '**' || names.has(target) || /\.tsx?$/.test(target), `${room} → ${target}`).toBe(true);
    }
  });
});
