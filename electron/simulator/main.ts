/**
 * `npm run sim -- [--port N] [--seed S] [--speed X] [--paused] [--size N] [--start ISO|ms] [--replay PATH …]`:
 * runs the venue simulator on 127.0.0.1, prints `listening http://127.0.0.1:PORT`, and serves
 * until SIGINT or SIGTERM.
 */
import { startSimulator, type SimulatorOptions } from './server.ts';
import { HELP_OPTION, appVersion, numberOption, parseCommandLine } from '../cli/args.ts';
import { portInUse, runEntryPoint } from '../cli/entry.ts';
import { UsageError } from '../cli/io.ts';

export const SIM_USAGE = `usage: npm run sim -- [--port N] [--seed S] [--speed X] [--paused] [--size N] [--start ISO|ms] [--replay PATH ...]
  The venue simulator on 127.0.0.1. Options take "--flag value" or "--flag=value".
  --port N         the port (default 0: any free port)
  --seed S         random seed;  --speed X  simulated seconds per real second;  --size N  assets simulated
  --paused         start with the clock stopped;  --start  the simulated start time (ISO with a zone, or epoch ms)
  --replay PATH…   funding CSV files to replay instead of simulated rates
  -h, --help       this text;  --version  the version of this build`;

export function parseSimArgs(argv: readonly string[]): SimulatorOptions | 'help' | 'version' {
  const values = parseCommandLine('sim', argv, {
    ...HELP_OPTION,
    version: { type: 'boolean' },
    port: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string' },
    size: { type: 'string' },
    paused: { type: 'boolean' },
    start: { type: 'string' },
    replay: { type: 'string', multiple: true },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  return {
    port: numberOption('sim', 'port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a whole number from 0 to 65535 (0 = any free port)') ?? 0,
    seed: numberOption('sim', 'seed', values.seed),
    speed: numberOption('sim', 'speed', values.speed, (n) => n > 0, 'a number greater than 0'),
    universeSize: numberOption('sim', 'size', values.size, (n) => Number.isInteger(n) && n > 0, 'a whole number greater than 0'),
    paused: values.paused,
    startTime: values.start === undefined ? undefined : startTime(values.start),
    replay: values.replay,
  };
}

function startTime(raw: string): number {
  const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(time)) throw new UsageError(`sim: --start takes epoch ms or an ISO time with a zone, not "${raw}"`);
  return time;
}

async function main(): Promise<void> {
  const options = parseSimArgs(process.argv.slice(2));
  if (options === 'help' || options === 'version') {
    console.log(options === 'help' ? SIM_USAGE : appVersion());
    return;
  }
  const sim = await startSimulator(options).catch((error: unknown) => {
    throw portInUse('sim', options.port ?? 0, error);
  });
  for (const skipped of sim.notReplayed) console.error(`replay: ${skipped.source}: ${skipped.venue} ${skipped.symbol} is not simulated; skipped`);
  console.log(`listening ${sim.url}`);
  const stop = () => {
    sim.close().then(() => process.exit(0), (error: unknown) => {
      console.error(`sim: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) await runEntryPoint('sim', main);
