import { requests, type RequestName } from './contract.ts';
import { TerminalError } from './errors.ts';

/**
 * Checks an answer against its request's output schema, naming the request and the first
 * fields that differ. Kept apart from `client.ts` so the preload, which carries no schemas,
 * never bundles the contract's values.
 */
export function checkOutput(name: RequestName, value: unknown): void {
  const parsed = requests[name].output.safeParse(value);
  if (parsed.success) return;
  const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'output'}: ${i.message}`).join('; ');
  throw new TerminalError({ code: 'failed', message: `${name}: the answer does not match the contract (${detail})` });
}
