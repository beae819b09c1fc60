import type { SectorStateView } from '../../../shared/domain/sectors.ts';
import { formatPct, signClass } from '../../ui/format.ts';

function Pct({ value, digits = 4 }: { value: number | null; digits?: number }) {
  return <td className={`num ${signClass(value)}`}>{formatPct(value, digits)}</td>;
}

function Signal({ signal }: { signal: SectorStateView['signal'] }) {
  if (signal === 'overheated') return <span className="signal-overheated">▲ overheated</span>;
  if (signal === 'washed-out') return <span className="signal-washed-out">▼ washed out</span>;
  return <span className="muted">· none</span>;
}

const COLUMNS: ReadonlyArray<[string, string]> = [
  ['Assets', 'members with a current funding value'],
  ['Median % /8h', 'median funding of the members, per 8 h'],
  ['OI-weighted % /8h', 'open-interest-weighted funding, per 8 h'],
  ['Δ1h % /8h', 'change of the median over 1 hour'],
  ['Δ8h % /8h', 'change of the median over 8 hours'],
  ['Δ24h % /8h', 'change of the median over 24 hours'],
  ['Dispersion % /8h', 'standard deviation of the members’ funding'],
  ['Divergence % /8h', 'median minus the cross-sector median (D_S)'],
  ['z-score σ', 'divergence against its rolling window'],
  ['RS 24h %', '24-h return minus the market’s'],
  ['Signal', 'overheated / washed out by the divergence z-score'],
];

/** Per-sector funding state, sorted by divergence (most overheated first). */
export function SectorTable({ sectors }: { sectors: readonly SectorStateView[] }) {
  const rows = [...sectors].sort((a, b) => (b.divergence ?? -Infinity) - (a.divergence ?? -Infinity));
  return (
    <section aria-labelledby="sector-table-title">
      <h2 id="sector-table-title">Sector funding</h2>
      <table aria-label="Sector funding state">
        <thead>
          <tr>
            <th scope="col">Sector</th>
            {COLUMNS.map(([label, title]) => <th key={label} scope="col" title={title}>{label}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.sector}>
              <th scope="row">{s.sector}</th>
              <td className="num">{s.assets}</td>
              <Pct value={s.medianPer8h} />
              <Pct value={s.oiWeightedPer8h} />
              <Pct value={s.change1h} />
              <Pct value={s.change8h} />
              <Pct value={s.change24h} />
              <td className="num">{s.dispersion === null ? '–' : `${(s.dispersion * 100).toFixed(4)}%`}</td>
              <Pct value={s.divergence} />
              <td className={`num ${signClass(s.divergenceZ)}`}>{s.divergenceZ === null ? '–' : `${s.divergenceZ >= 0 ? '+' : '−'}${Math.abs(s.divergenceZ).toFixed(2)}`}</td>
              <Pct value={s.relativeStrength24h} digits={2} />
              <td><Signal signal={s.signal} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
