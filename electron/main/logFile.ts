import { join } from 'node:path';
import { createStream } from 'rotating-file-stream';

export const LOG_FILE_NAME = 'terminal.log';

export interface LogFile {
  /** The file being written now (the one "Reveal logs" shows). */
  path: string;
  write(line: string): void;
  close(): Promise<void>;
}

export interface LogFileOptions {
  /** Rotate when the file reaches this size, e.g. "10M". */
  size?: `${number}${'B' | 'K' | 'M'}`;
  /** Rotated files kept: terminal.log.1 … terminal.log.N. */
  keep?: number;
  /** Also copy each line here (stderr for a launch from a terminal). */
  tee?: (line: string) => void;
}

/**
 * The desktop app's log: a desktop launch has no terminal, so stderr is lost. Lines arrive
 * already redacted (the backend's logger scrubs secrets before any sink sees them); this only
 * stores them, rotating by size so the folder stays bounded (10 MB × 6 by default).
 */
export function openLogFile(dir: string, options: LogFileOptions = {}): LogFile {
  const stream = createStream(LOG_FILE_NAME, { path: dir, size: options.size ?? '10M', rotate: options.keep ?? 5 });
  // A full disk or a vanished folder must not take the terminal down with it.
  stream.on('error', (error) => options.tee?.(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'log file not written', error: error.message })));
  return {
    path: join(dir, LOG_FILE_NAME),
    write(line) {
      options.tee?.(line);
      stream.write(`${line}\n`);
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
