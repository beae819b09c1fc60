import { appVersion } from './args.ts';
import { EXIT_BAD_INPUT, UsageError, type CliCommand, type CliIo } from './io.ts';
import { backtest } from './backtest.ts';
import { scan } from './scan.ts';
import { study } from './study.ts';

/** The headless commands, by name. Adding one means adding it here. */
export const COMMANDS: Record<string, CliCommand> = { scan, study, backtest };

/** Any other failure: a bug or an environment problem, not something the input can fix. */
const EXIT_FAILURE = 1;

function usage(commands: Record<string, CliCommand>): string {
  return `usage: funding-terminal <command> [options]   (from the repository: npm run -s cli -- <command> [options])\n` +
    `commands: ${Object.keys(commands).join(', ')}\n` +
    `  -h, --help     this text; "<command> --help" for a command's options\n` +
    `  --version      the version of this build\n`;
}

/** Dispatches `argv` (without node and script) to a command; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: Record<string, CliCommand> = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.out(usage(commands));
    return 0;
  }
  if (name === '--version') {
    io.out(`${appVersion()}\n`);
    return 0;
  }
  if (name === undefined) {
    io.err(`no command given\n${usage(commands)}`);
    return EXIT_BAD_INPUT;
  }
  if (!Object.hasOwn(commands, name)) {
    io.err(`unknown command "${name}": the commands are ${Object.keys(commands).join(', ')} (--help for more)\n`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await commands[name](rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(`${name} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

if (import.meta.main) {
  const io: CliIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
