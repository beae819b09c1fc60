/**
 * The structured logger. Redaction happens here, once, for every line (docs/security.md §10:
 * secrets are redacted at the logger, not at each call site): secret-named fields are replaced, errors are
 * reduced to name, message and stack, and then the serialised line is scrubbed of every secret
 * the vault currently holds before it reaches the sink.
 */
import { scrubFields, scrubText } from './redact.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface LoggerOptions {
  /** Receives one JSON line per entry, already redacted. */
  sink: (line: string) => void;
  /** The secret values to remove from every line (the vault's `secretValues`). */
  secrets: () => Iterable<string>;
  now?: () => number;
}

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** `detail` may be the error itself or fields that contain one. */
  error(message: string, detail?: LogFields | Error): void;
}

export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? Date.now;
  function write(level: LogLevel, message: string, fields: LogFields | undefined): void {
    const scrubbed = scrubFields(fields ?? {}) as LogFields;
    const entry = { ...scrubbed, time: new Date(now()).toISOString(), level, msg: message };
    options.sink(scrubText(JSON.stringify(entry), options.secrets()));
  }
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, detail) => write('error', message, detail instanceof Error ? { error: detail } : detail),
  };
}
