/** Two drafts of the same forms, each null until loaded. */
export interface DraftPair<E, R> {
  engine: E | null;
  risk: R | null;
}

export interface UnsavedParts {
  engine: boolean;
  risk: boolean;
  any: boolean;
}

/**
 * Which forms differ from what main last returned. Drafts are plain strings as typed, so a
 * field typed back to its saved value is not a change; a form not loaded yet has none.
 */
export function draftsUnsaved<E, R>(typed: DraftPair<E, R>, saved: DraftPair<E, R>): UnsavedParts {
  const engine = differs(typed.engine, saved.engine);
  const risk = differs(typed.risk, saved.risk);
  return { engine, risk, any: engine || risk };
}

function differs(typed: unknown, saved: unknown): boolean {
  return typed !== null && saved !== null && JSON.stringify(typed) !== JSON.stringify(saved);
}
