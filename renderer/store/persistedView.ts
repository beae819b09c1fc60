import { createJSONStorage, type PersistOptions } from 'zustand/middleware';
import type { z } from 'zod';

/**
 * Keeps a slice of a view store (screen, sort, filters) across restarts in the page's
 * localStorage. What comes back is parsed with `schema`; when it
 * does not fit (an old version, a hand edit) it is ignored: a remembered view must never break the screen.
 */
export function viewPersistence<S, P extends object>(name: string, partialize: (state: S) => P, schema: z.ZodType<Partial<P>>): PersistOptions<S, P> {
  return {
    name: `funding-terminal.${name}`,
    version: 1,
    storage: createJSONStorage(() => localStorage),
    partialize,
    merge: (saved, current) => {
      const parsed = schema.safeParse(saved);
      return parsed.success ? { ...current, ...parsed.data } : current;
    },
  };
}
