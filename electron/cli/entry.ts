import { EXIT_BAD_INPUT, UsageError } from './io.ts';

/**
 * Runs a long-lived entry point (`web`, `sim`): input the user must fix is one line on stderr
 * and exit 2, anything else one line and exit 1, never a stack trace. It exits explicitly, so
 * that nothing a half-started service left behind keeps the process alive.
 */
export async function runEntryPoint(command: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    const usage = error instanceof UsageError;
    process.stderr.write(usage ? `${error.message}\n` : `${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(usage ? EXIT_BAD_INPUT : 1);
  }
}

/** A listen that failed because the port is taken, in words, as input to fix. */
export function portInUse(command: string, port: number, error: unknown): Error {
  if ((error as NodeJS.ErrnoException)?.code !== 'EADDRINUSE') return error instanceof Error ? error : new Error(String(error));
  return new UsageError(`${command}: port ${port} on 127.0.0.1 is in use; pick another with --port N, or --port 0 for any free port`);
}
