import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance } from '../../../electron/main/singleInstance.ts';
import { rememberWindowState, restoredBounds } from '../../../electron/main/windowState.ts';
import { watchRenderer } from '../../../electron/main/rendererWatch.ts';
import { CLOSE_ANYWAY, KEEP_OPEN, guardClose } from '../../../electron/main/closeGuard.ts';
import { countOpenPairs } from '../../../electron/main/openPairs.ts';
import { openLogFile } from '../../../electron/main/logFile.ts';
import { checkForUpdates } from '../../../electron/main/updates.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A message box the test answers in order; each question is recorded. */
function answering(...responses: number[]) {
  const asked: MessageBoxOptions[] = [];
  return { asked, ask: async (options: MessageBoxOptions) => (asked.push(options), { response: responses.shift() ?? 0 }) };
}

describe('single instance', () => {
  it('the first launch holds the lock and brings its window forward when a second one starts', () => {
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => true, quit: () => { throw new Error('must not quit'); } });
    let focused = 0;
    expect(claimSingleInstance(app, () => focused++)).toBe(true);
    app.emit('second-instance');
    expect(focused).toBe(1);
  });

  it('a second launch quits at once, before opening any store', () => {
    let quit = 0;
    const app = Object.assign(new EventEmitter(), { requestSingleInstanceLock: () => false, quit: () => void quit++ });
    expect(claimSingleInstance(app, () => {})).toBe(false);
    expect(quit).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

describe('window bounds', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1040 };
  const saved = { bounds: { x: 100, y: 50, width: 1400, height: 900 }, maximized: false };

  it('come back where they were, maximised or not', () => {
    expect(restoredBounds(saved, [display])).toEqual({ bounds: saved.bounds, maximized: false });
    expect(restoredBounds({ ...saved, maximized: true }, [display])).toEqual({ bounds: saved.bounds, maximized: true });
    expect(restoredBounds(undefined, [display])).toEqual({ maximized: false });
  });

  it('on a display that is gone, the default size is used instead of an off-screen window', () => {
    const onUnpluggedMonitor = { bounds: { x: 2500, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(restoredBounds(onUnpluggedMonitor, [display])).toEqual({ maximized: false });
    expect(restoredBounds(onUnpluggedMonitor, [display, { x: 1920, y: 0, width: 2560, height: 1400 }]).bounds).toEqual(onUnpluggedMonitor.bounds);
  });

  it('are saved when the window closes, as its normal (unmaximised) bounds', () => {
    const win = Object.assign(new EventEmitter(), { getNormalBounds: () => ({ x: 10.4, y: 20, width: 1200, height: 800.6 }), isMaximized: () => true });
    const saved: unknown[] = [];
    rememberWindowState(win, (state) => saved.push(state));
    win.emit('close');
    expect(saved).toEqual([{ bounds: { x: 10, y: 20, width: 1200, height: 801 }, maximized: true }]);
  });
});

describe('a page that crashes or hangs', () => {
  function contents() {
    const emitter = new EventEmitter();
    let reloads = 0;
    return { contents: Object.assign(emitter, { reload: () => void reloads++ }), reloads: () => reloads };
  }

  it('a crash is logged and a reload offered; the session is not ended', async () => {
    const c = contents();
    const dialog = answering(0);
    const warnings: string[] = [];
    let quit = 0;
    watchRenderer(c.contents, { ask: dialog.ask, quit: () => void quit++, warn: (l) => warnings.push(l) });
    c.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(dialog.asked[0].message).toBe("The terminal's window stopped (crashed).");
    expect(dialog.asked[0].detail).toMatch(/main process and are unaffected/);
    expect([c.reloads(), quit]).toEqual([1, 0]);
    expect(warnings[0]).toMatch(/stopped \(crashed, exit code 139\)/);
  });

  it('a clean exit asks nothing; a hang offers Wait (default) or Reload, one question at a time', async () => {
    const c = contents();
    const dialog = answering(1);
    watchRenderer(c.contents, { ask: dialog.ask, quit: () => {}, warn: () => {} });
    c.contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    c.contents.emit('unresponsive');
    c.contents.emit('unresponsive');
    await settle();
    expect(dialog.asked.map((o) => o.buttons)).toEqual([['Wait', 'Reload the window']]);
    expect(dialog.asked[0].defaultId).toBe(0);
    expect(c.reloads()).toBe(1);
  });

  it('a page that recovered before the answer is not reloaded', async () => {
    const c = contents();
    let answer: (r: { response: number }) => void = () => {};
    watchRenderer(c.contents, { ask: () => new Promise((resolve) => (answer = resolve)), quit: () => {}, warn: () => {} });
    c.contents.emit('unresponsive');
    c.contents.emit('responsive');
    answer({ response: 1 });
    await settle();
    expect(c.reloads()).toBe(0);
  });
});

describe('closing with open pairs', () => {
  function guarded(openCount: number, response: number) {
    const win = new EventEmitter();
    let closed = 0;
    const dialog = answering(response);
    const closable = Object.assign(win, { close: () => { closed++; tryClose(); } });
    let prevented = 0;
    function tryClose() {
      closable.emit('close', { preventDefault: () => void prevented++ });
    }
    guardClose(closable, async () => openCount, dialog.ask);
    return { tryClose, dialog, prevented: () => prevented, closed: () => closed };
  }

  it('with none open, closes without asking', async () => {
    const g = guarded(0, KEEP_OPEN);
    g.tryClose();
    await settle();
    expect(g.dialog.asked).toEqual([]);
    expect(g.closed()).toBe(1);
  });

  it('with pairs open, asks with "Keep the terminal open" as the default, and keeps it open when chosen', async () => {
    const g = guarded(2, KEEP_OPEN);
    g.tryClose();
    await settle();
    expect(g.dialog.asked[0].message).toBe('2 pairs are open. Close the terminal anyway?');
    expect(g.dialog.asked[0].buttons![g.dialog.asked[0].defaultId!]).toBe('Keep the terminal open');
    expect(g.dialog.asked[0].cancelId).toBe(KEEP_OPEN);
    expect([g.prevented(), g.closed()]).toEqual([1, 0]);
  });

  it('"Close anyway" closes it', async () => {
    const g = guarded(1, CLOSE_ANYWAY);
    g.tryClose();
    await settle();
    expect(g.dialog.asked[0].message).toBe('1 pair is open. Close the terminal anyway?');
    expect(g.closed()).toBe(1);
  });

  it('counts the pairs that hold a position on a venue', async () => {
    const pairs = ['opening', 'open', 'unhedged', 'closing', 'closed', 'failed'].map((status) => ({ status }));
    expect(await countOpenPairs({ 'positions.list': async () => pairs as never })).toBe(4);
  });
});

describe('the log file', () => {
  it('gets each line (already redacted by the logger) and rotates by size, keeping a bounded number of files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-logs-'));
    const teed: string[] = [];
    const log = openLogFile(dir, { size: '1K', keep: 2, tee: (l) => teed.push(l) });
    expect(log.path).toBe(join(dir, 'terminal.log'));
    const line = JSON.stringify({ level: 'info', msg: 'x'.repeat(200) });
    for (let i = 0; i < 40; i++) {
      log.write(line);
      await settle();
    }
    await log.close();
    expect(teed).toHaveLength(40);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['terminal.log', 'terminal.log.1', 'terminal.log.2']);
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean).every((l) => l === line)).toBe(true);
  });
});

describe('updates', () => {
  const updater = () => {
    let checks = 0;
    return { load: async () => ({ checkForUpdatesAndNotify: async () => void checks++ }), checks: () => checks };
  };

  it('are off by default and never checked from a development run', async () => {
    const u = updater();
    expect(await checkForUpdates({ packaged: true, enabled: false, loadUpdater: u.load, warn: () => {} })).toBe('off');
    expect(await checkForUpdates({ packaged: false, enabled: true, loadUpdater: u.load, warn: () => {} })).toBe('off');
    expect(u.checks()).toBe(0);
  });

  it('once chosen, an installed app checks; a failed check is logged, not thrown', async () => {
    const u = updater();
    expect(await checkForUpdates({ packaged: true, enabled: true, loadUpdater: u.load, warn: () => {} })).toBe('checked');
    expect(u.checks()).toBe(1);
    const warnings: string[] = [];
    await checkForUpdates({ packaged: true, enabled: true, loadUpdater: async () => ({ checkForUpdatesAndNotify: async () => { throw new Error('no feed'); } }), warn: (l) => warnings.push(l) });
    expect(warnings).toEqual(['update check failed: no feed']);
  });
});
