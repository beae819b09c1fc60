import { join } from 'node:path';
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { startHost } from './server.ts';

/**
 * `npm run web -- [--port N] [--demo] [--data-dir DIR]`: the terminal in a browser tab.
 * Prints the URL with this run's session token; only 127.0.0.1 is ever bound.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a whole number from 0 to 65535 (0 = any free port), not "${values.port}"\n`);
  process.exit(2);
}

const dataDir = values['data-dir'] ?? join(homedir(), '.funding-terminal', values.demo ? 'demo' : 'paper');
const host = await startHost({ port, demo: values.demo, dataDir, logSink: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`Funding Terminal (${values.demo ? 'DEMO: simulated venues' : 'PAPER: live public data'}), data in ${dataDir}\n`);
process.stdout.write(`open ${host.url}\n`);

const shutdown = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
