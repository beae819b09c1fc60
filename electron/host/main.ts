import { join } from 'node:path';
import { homedir } from 'node:os';
import { DEMO_SPEEDS, type DemoSpeed } from '../../shared/domain/demoClock.ts';
import { HELP_OPTION, appVersion, numberOption, parseCommandLine } from '../cli/args.ts';
import { UsageError } from '../cli/io.ts';
import { portInUse, runEntryPoint } from '../cli/entry.ts';

export const WEB_USAGE = `usage: npm run web -- [--port N] [--demo [--speed X]] [--data-dir DIR] [--fresh-store]
  The terminal in a browser tab: prints the address to open, with this run's session token.
  Only 127.0.0.1 is ever bound. Options take "--flag value" or "--flag=value".
  --port N        the port (default 0: any free port)
  --demo          simulated venues on 127.0.0.1, no network (default: paper mode on live public data)
  --speed X       Demo's clock at X simulated seconds per real second: ${DEMO_SPEEDS.join(', ')} (default 1);
                  the clock in the Demo banner changes it while running
  --data-dir DIR  where the store and key vault are kept (default ~/.funding-terminal/paper or …/demo)
  --fresh-store   if the database is damaged, set it aside (renamed, kept) and start a fresh one;
                  without it a damaged database stops the start with what to do (exit 3)
  -h, --help      this text
  --version       the version of this build`;

export interface WebArgs { port: number; demo: boolean; dataDir: string; freshStore: boolean; speed?: DemoSpeed }

/** Exit status when the database is damaged and --fresh-store was not given. */
export const EXIT_DAMAGED_STORE = 3;

export function parseWebArgs(argv: readonly string[], home = homedir()): WebArgs | 'help' | 'version' {
  const values = parseCommandLine('web', argv, {
    ...HELP_OPTION,
    version: { type: 'boolean' },
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'fresh-store': { type: 'boolean', default: false },
    speed: { type: 'string' },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const port = numberOption('web', 'port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a whole number from 0 to 65535 (0 = any free port)')!;
  const speed = numberOption('web', 'speed', values.speed, (n) => (DEMO_SPEEDS as readonly number[]).includes(n), `one of ${DEMO_SPEEDS.join(', ')} (times real time)`) as DemoSpeed | undefined;
  if (speed !== undefined && !values.demo) throw new UsageError('web: --speed sets the Demo clock: give it with --demo (live and paper venues run on real time)');
  return {
    port, demo: values.demo, dataDir: values['data-dir'] ?? join(home, '.funding-terminal', values.demo ? 'demo' : 'paper'), freshStore: values['fresh-store'],
    ...(speed !== undefined ? { speed } : {}),
  };
}

async function main(): Promise<void> {
  const args = parseWebArgs(process.argv.slice(2));
  if (args === 'help' || args === 'version') {
    process.stdout.write(`${args === 'help' ? WEB_USAGE : appVersion()}\n`);
    return;
  }
  // Loaded after the arguments are read, so that --help answers without loading the backend.
  const { startHost } = await import('./server.ts');
  const { DamagedStoreError } = await import('../backend/store/storeFaults.ts');
  const host = await startHost({ port: args.port, demo: args.demo, demoSpeed: args.speed, dataDir: args.dataDir, freshStore: args.freshStore, logSink: (line) => process.stderr.write(`${line}\n`) })
    .catch((error: unknown) => {
      if (!(error instanceof DamagedStoreError)) throw portInUse('web', args.port, error);
      // The paragraph says what to do; a distinct status lets a script tell it apart.
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_DAMAGED_STORE);
    });
  if (host.backend.storeSetAside !== null) {
    process.stdout.write(`The damaged database was set aside as ${host.backend.storeSetAside} (kept, not deleted); this run uses a fresh one.\n`);
  }
  process.stdout.write(`Funding Terminal (${args.demo ? 'DEMO: simulated venues' : 'PAPER: live public data'}), data in ${args.dataDir}\n`);
  process.stdout.write(`open ${host.url}\n`);
  const shutdown = async () => {
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (import.meta.main) await runEntryPoint('web', main);
