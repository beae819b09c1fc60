/** A number input with its unit printed beside it and in its accessible name. */
export function Field({ label, unit, value, onChange }: { label: string; unit: string; value: string; onChange(v: string): void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" step="any" value={value} onChange={(e) => onChange(e.target.value)} aria-label={`${label} (${unit})`} />
      <span className="unit">{unit}</span>
    </label>
  );
}
