import type { SectorStateView } from '../../../shared/domain/sectors.ts';
import { formatPct, signClass } from '../../ui/format.ts';

const HORIZONS = [
  ['return4h', '4 h'],
  ['return24h', '24 h'],
  ['return48h', '48 h'],
] as const;

/** A return as a bar from the centre line, half width at `scale`; the signed figure beside it. */
function ReturnBar({ value, scale }: { value: number | null; scale: number }) {
  const width = value === null || scale === 0 ? 0 : Math.min(50, (Math.abs(value) / scale) * 50);
  const side = value !== null && value < 0 ? { right: '50%' } : { left: '50%' };
  return (
    <span className="bar-cell">
      <span className="bar-track" aria-hidden="true">
        <span className={`bar ${signClass(value)}`} style={{ ...side, width: `${width}%` }} />
      </span>
      <span className={`num ${signClass(value)}`}>{formatPct(value, 2)}</span>
    </span>
  );
}

/** Sector price returns over 4 / 24 / 48 h (median of the members), on one scale so bars compare. */
export function ReturnBars({ sectors }: { sectors: readonly SectorStateView[] }) {
  let scale = 0;
  for (const s of sectors) for (const [key] of HORIZONS) scale = Math.max(scale, Math.abs(s[key] ?? 0));
  return (
    <section aria-labelledby="returns-title">
      <h2 id="returns-title">Sector price returns (%)</h2>
      <table aria-label="Sector returns">
        <thead>
          <tr>
            <th scope="col">Sector</th>
            {HORIZONS.map(([key, label]) => <th key={key} scope="col">{label} %</th>)}
          </tr>
        </thead>
        <tbody>
          {sectors.map((s) => (
            <tr key={s.sector}>
              <th scope="row">{s.sector}</th>
              {HORIZONS.map(([key]) => <td key={key}><ReturnBar value={s[key]} scale={scale} /></td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
