import { formatPct, signClass } from './format.ts';

/** A signed rate with the colour of its sign; the sign itself is the colour-blind cue. */
export function Rate({ value, digits = 4, unit }: { value: number | null; digits?: number; unit?: string }) {
  return (
    <span className={`num ${signClass(value)}`}>
      {formatPct(value, digits)}
      {unit ? <span className="unit"> {unit}</span> : null}
    </span>
  );
}
