import { isRequestName, requests, type Handlers } from './contract.ts';

/** A failure that crosses the process boundary: a code the UI can branch on and plain words. */
export interface WireError {
  code: 'unknown-request' | 'invalid-input' | 'failed';
  message: string;
}

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: WireError };

/**
 * Validates a request against the contract and runs its handler. Used by the Electron IPC
 * binding and the headless host alike, so both reject the same things in the same words.
 * Handler errors are reduced to their message: stacks and causes stay in the main process.
 */
export async function dispatch(handlers: Handlers, name: unknown, input: unknown): Promise<DispatchResult> {
  if (!isRequestName(name)) {
    return { ok: false, error: { code: 'unknown-request', message: `unknown request ${JSON.stringify(String(name)).slice(0, 80)}` } };
  }
  const parsed = requests[name].input.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: { code: 'invalid-input', message: `${name}: ${detail}` } };
  }
  try {
    const handler = handlers[name] as (arg: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: { code: 'failed', message: `${name}: ${errorMessage(err)}` } };
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'unexpected error';
}
