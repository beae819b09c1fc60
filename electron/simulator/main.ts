/**
 * `npm run sim -- [--port N] [--seed S] [--speed X] [--paused] [--size N] [--start ISO|ms] [--replay PATH …]`:
 * runs the venue simulator on 127.0.0.1, prints `listening http://127.0.0.1:PORT`, and serves
 * until SIGINT or SIGTERM.
 */
import { startSimulator, type SimulatorOptions } from './server.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const USAGE = 'usage: npm run sim -- [--port N (0 = any free)] [--seed S] [--speed X] [--paused] [--size N] [--start ISO|ms] [--replay PATH ...]';

function numberArg(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed)) throw new UsageError(`${flag} needs a number, got ${value ?? 'nothing'}\n${USAGE}`);
  return parsed;
}

export function parseArgs(argv: string[]): SimulatorOptions {
  const options: SimulatorOptions = { port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case '--port': options.port = numberArg(flag, argv[++i]); break;
      case '--seed': options.seed = numberArg(flag, argv[++i]); break;
      case '--speed': options.speed = numberArg(flag, argv[++i]); break;
      case '--size': options.universeSize = numberArg(flag, argv[++i]); break;
      case '--paused': options.paused = true; break;
      case '--start': {
        const raw = argv[++i] ?? '';
        const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
        if (!Number.isFinite(time)) throw new UsageError(`--start needs epoch ms or an ISO time with a zone, got ${raw || 'nothing'}\n${USAGE}`);
        options.startTime = time;
        break;
      }
      case '--replay': {
        const paths: string[] = [];
        while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) paths.push(argv[++i]);
        if (!paths.length) throw new UsageError(`--replay needs at least one path\n${USAGE}`);
        options.replay = [...(options.replay ?? []), ...paths];
        break;
      }
      case '--help': throw new UsageError(USAGE);
      default: throw new UsageError(`unknown argument ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const sim = await startSimulator(parseArgs(process.argv.slice(2)));
  for (const skipped of sim.notReplayed) console.error(`replay: ${skipped.source}: ${skipped.venue} ${skipped.symbol} is not simulated; skipped`);
  console.log(`listening ${sim.url}`);
  const stop = () => {
    sim.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
}
