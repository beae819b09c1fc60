import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/**
 * The layering rule is the lint config's `no-restricted-imports` per folder. These cases
 * prove it bites: a rule nobody checks decays.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('who may import whom', () => {
  it.each([
    ['shared/funding/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/ipc/x.ts', "import { ipcMain } from 'electron';"],
    ['shared/domain/x.ts', "import ccxt from 'ccxt';"],
    ['shared/domain/x.ts', "import { startHost } from '../../electron/host/server.ts';"],
    ['electron/backend/markets/x.ts', "import { safeStorage } from 'electron';"],
    ['electron/host/x.ts', "import { createTerminalWindow } from '../main/window.ts';"],
    ['electron/engine/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/engine/x.ts', "import ccxt from 'ccxt';"],
    ['renderer/features/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';"],
    ['renderer/features/x.ts', "import { createBackend } from '../../electron/backend/backend.ts';"],
    ['renderer/features/x.ts', "import { readFileSync } from 'fs';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['shared/funding/x.ts', "import { z } from 'zod';"],
    ['electron/backend/x.ts', "import ccxt from 'ccxt';"],
    ['electron/engine/worker.ts', "import { parentPort } from 'node:worker_threads';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['renderer/app/x.ts', "import { ratePer8h } from '../../shared/funding/normalise.ts';"],
  ])('%s may: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
