import type { ReactNode } from 'react';

/** A small labelled tag; `tone` picks the colour, the text always says the same thing. */
export function Badge({ tone = 'plain', title, children }: { tone?: string; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
