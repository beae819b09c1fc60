import type { SectorSnapshotView } from '../../../shared/domain/sectors.ts';
import { formatPct } from '../../ui/format.ts';
import { buildHeatmap, divergenceColour, type HeatmapCell } from '../../store/divergenceHistory.ts';

/** Columns drawn: the last hour at one snapshot a minute. */
const COLUMNS = 60;

const clock = (at: number) => new Date(at).toISOString().slice(11, 16);

function cellLabel(sector: string, cell: HeatmapCell): string {
  const z = cell.z === null ? 'z –' : `z ${cell.z.toFixed(2)}`;
  return `${sector} at ${clock(cell.at)} UTC: divergence ${formatPct(cell.divergence)} /8h, ${z}`;
}

/**
 * Sectors × time, one DOM cell per (sector, snapshot): few enough (a dozen sectors × 60) to
 * need no canvas, and each cell carries its value for screen readers and tests. The sign is
 * printed in the cell as the colour's second cue.
 */
export function DivergenceHeatmap({ history }: { history: readonly SectorSnapshotView[] }) {
  const map = buildHeatmap(history, COLUMNS);
  if (map.times.length === 0) return <p className="muted" role="status">No sector snapshot yet.</p>;
  return (
    <section aria-labelledby="heatmap-title" className="heatmap">
      <h2 id="heatmap-title">Funding divergence by sector over time (% /8h vs the cross-sector median)</h2>
      <p className="legend">
        Since this page opened: {map.times.length} snapshot{map.times.length === 1 ? '' : 's'}, {clock(map.times[0])}–{clock(map.times.at(-1)!)} UTC.
        Green + = pays more than the market (overheated), red − = pays less; full colour at {formatPct(map.scale)} /8h.
      </p>
      <table aria-label="Funding divergence heatmap">
        <thead>
          <tr>
            <th scope="col">Sector</th>
            {map.times.map((at, i) => (
              <th key={at} scope="col" className="hm-time" aria-label={`${clock(at)} UTC`}>
                {i % 10 === 0 || i === map.times.length - 1 ? clock(at) : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {map.rows.map((row) => (
            <tr key={row.sector}>
              <th scope="row">{row.sector}</th>
              {row.cells.map((cell) => {
                const label = cellLabel(row.sector, cell);
                return (
                  <td key={cell.at} className="hm" style={{ background: divergenceColour(cell.divergence, map.scale) }} aria-label={label} title={label}>
                    {cell.divergence === null ? '' : cell.divergence >= 0 ? '+' : '−'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
