/** What a CLI command may touch: its output streams. Injected so tests run commands in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A command gets its own arguments (after the command name) and returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Exit code for bad input: a clear message was printed on stderr. */
export const EXIT_BAD_INPUT = 2;

/** Thrown for input the user must fix; the message names the file and line when there is one. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
