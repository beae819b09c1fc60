import { app, ipcMain, dialog, safeStorage } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBackend, type Backend } from '../backend/backend.ts';
import { createStreamBatcher } from '../backend/streams/streamBatcher.ts';
import { STREAM_CHANNEL } from '../../shared/ipc/channels.ts';
import { bindContract } from './ipcBinding.ts';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol.ts';
import { createTerminalWindow } from './window.ts';
import { installMenu } from './menu.ts';
import { createSafeStorageCipher } from './safeStorageCipher.ts';

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
  backend = await createBackend({
    mode: demo ? 'demo' : 'paper',
    dataDir,
    version: app.getVersion(),
    engineWorkerUrl: pathToFileURL(join(here, 'engine-worker.mjs')),
    studyWorkerUrl: pathToFileURL(join(here, 'study-worker.mjs')),
    publish: batcher.publish,
    systemCipher: await createSafeStorageCipher(safeStorage),
    logSink: (line) => process.stderr.write(`${line}\n`),
  });
  const log = backend.log;
  bindContract(ipcMain, backend.handlers, { webContents: window.webContents, origin: APP_ORIGIN }, (line) => log.warn(line));
  installMenu(() => {
    void backend?.engageKillSwitch('kill switch (menu or Ctrl/Cmd+Shift+K)');
  });
}).catch((err: unknown) => {
  dialog.showErrorBox('Funding Terminal could not start', err instanceof Error ? err.message : String(err));
  app.quit();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!backend) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  void closing.stop().finally(() => app.exit(0));
});
