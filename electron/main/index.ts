import { app, ipcMain, dialog, globalShortcut, Menu, safeStorage, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBackend, type Backend } from '../backend/backend.ts';
import { createStreamBatcher } from '../backend/streams/streamBatcher.ts';
import { STREAM_CHANNEL } from '../../shared/ipc/channels.ts';
import { bindContract } from './ipcBinding.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol.ts';
import { createTerminalWindow } from './window.ts';
import { menuTemplate, type MenuState } from './menu.ts';
import { createSafeStorageCipher } from './safeStorageCipher.ts';
import { openPrefsFile } from './desktopPrefs.ts';
import { installKillSwitch, type KillSwitchShell } from './killSwitchShell.ts';

/**
 * The Electron shell, kept thin: lifecycle, the secure window, menu and hotkey, and the
 * validated IPC binding. Everything else is the backend, which also runs under plain Node.
 * Runs from the bundle in dist/electron (see build/bundle.ts).
 */
const here = dirname(fileURLToPath(import.meta.url));
const demo = process.argv.includes('--demo');
let backend: Backend | null = null;

registerAppScheme();
app.enableSandbox();

app.whenReady().then(async () => {
  serveRenderer(join(here, '../renderer'));
  const dataDir = join(app.getPath('userData'), demo ? 'demo' : 'paper');
  const window = createTerminalWindow(join(here, 'preload.cjs'));
  const batcher = createStreamBatcher((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(STREAM_CHANNEL, name, payload);
  });
  const started = await createBackend({
    mode: demo ? 'demo' : 'paper',
    dataDir,
    version: app.getVersion(),
    engineWorkerUrl: pathToFileURL(join(here, 'engine-worker.mjs')),
    studyWorkerUrl: pathToFileURL(join(here, 'study-worker.mjs')),
    publish: batcher.publish,
    systemCipher: await createSafeStorageCipher(safeStorage),
    logSink: (line) => process.stderr.write(`${line}\n`),
  });
  backend = started;
  const log = started.log;
  bindContract(ipcMain, started.handlers, { webContents: window.webContents, origin: APP_ORIGIN }, (line) => log.warn(line));
  const prefs = openPrefsFile(join(app.getPath('userData'), 'desktop.json'), (line) => log.warn(line));
  let killSwitch: KillSwitchShell | null = null;
  const applyMenu = (state: MenuState) => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({
    killSwitch: () => void killSwitch?.request('menu'),
    setSystemWideHotkey: (enabled) => killSwitch?.setSystemWide(enabled),
    revealLogs: () => shell.showItemInFolder(dataDir),
  }, state, process.platform)));
  killSwitch = installKillSwitch({
    window,
    showMessageBox: (options) => dialog.showMessageBox(window, options),
    shortcuts: globalShortcut,
    prefs,
    engage: (reason) => started.engageKillSwitch(reason),
    applyMenu,
    warn: (line) => log.warn(line),
  });
}).catch((err: unknown) => {
  dialog.showErrorBox('Funding Terminal could not start', err instanceof Error ? err.message : String(err));
  app.quit();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  globalShortcut.unregisterAll();
  if (!backend) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  void closing.stop().finally(() => app.exit(0));
});
