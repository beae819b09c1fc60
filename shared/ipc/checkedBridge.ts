import { requests, streams, type RequestName, type StreamName, type TerminalBridge } from './contract.ts';
import { TerminalError } from './errors.ts';
import type { z } from 'zod';

/** The first fields where a value differs from its schema, in the contract's words. */
function mismatch(what: string, schema: z.ZodType, value: unknown): TerminalError | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
  return new TerminalError({ code: 'failed', message: `${what} does not match the contract (${detail})` });
}

/**
 * A bridge whose outputs are checked against the contract (docs/architecture.md, "The
 * contract"): an answer that does not match its request's output schema rejects instead of
 * resolving, and a stream payload that does not match its stream's schema is held back from
 * the listener and handed to `onStreamMismatch`. The renderer wraps whichever bridge it has,
 * the preload's or the WebSocket link's, in development builds and tests. Kept apart from
 * `client.ts` so the preload, which carries no schemas, never bundles the contract's values.
 */
export function checkedBridge<B extends TerminalBridge>(bridge: B, onStreamMismatch: (error: TerminalError) => void): B {
  const invoke = async (name: RequestName, ...input: unknown[]): Promise<unknown> => {
    const value = await (bridge.invoke as (name: RequestName, ...input: unknown[]) => Promise<unknown>)(name, ...input);
    const error = mismatch(`${name}: the answer`, requests[name].output, value);
    if (error) throw error;
    return value;
  };
  const on = (name: StreamName, listener: (payload: unknown) => void): (() => void) =>
    (bridge.on as (name: StreamName, listener: (payload: unknown) => void) => () => void)(name, (payload) => {
      const error = mismatch(`the ${name} stream's payload`, streams[name], payload);
      if (error) onStreamMismatch(error);
      else listener(payload);
    });
  return { ...bridge, invoke, on } as B;
}
