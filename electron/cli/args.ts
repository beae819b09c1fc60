import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './io.ts';

/** `--help`/`-h`, accepted by every command and entry point. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const satisfies ParseArgsOptionsConfig;

/**
 * The one argument parser of `cli`, `web` and `sim`: Node's `parseArgs` (so `--flag value` and
 * `--flag=value` both work, and `--` ends the options), strict about unknown options, with
 * one-line errors that name the command. A list option (`multiple: true`) also takes the plain
 * arguments that follow it: `--history a.csv b.csv` is `--history a.csv --history b.csv`.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(command: string, argv: readonly string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(`${command}: ${firstSentence(error)} (${command} --help lists the options)`);
  }
  const values = parsed.values as Record<string, unknown>;
  let list: string | null = null;
  for (const token of parsed.tokens) {
    if (token.kind === 'option') list = options[token.name]?.multiple ? token.name : null;
    else if (token.kind === 'positional' && list !== null) (values[list] as string[]).push(token.value);
    else if (token.kind === 'positional') throw new UsageError(`${command}: unexpected argument "${token.value}" (${command} --help lists the options)`);
    else list = null;
  }
  return parsed.values;
}

/** Node's messages go on to explain `--`; the first sentence is the one that helps. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s/)[0].replace(/\.$/, '');
}

/** This build's version, for `--version`. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** A number option, refused in words when it is not one. */
export function numberOption(command: string, flag: string, text: string | undefined, check: (n: number) => boolean = Number.isFinite, needs = 'a number'): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`${command}: --${flag} takes ${needs}, not "${text}"`);
  return value;
}
