import type { PatternStudy } from '../../../shared/domain/patterns.ts';
import { formatPct, signClass } from '../../ui/format.ts';

const SHOWN = 300;

function Hit({ hit }: { hit: boolean | null }) {
  if (hit === null) return <span className="muted">· no outcome</span>;
  return hit ? <span className="pos">✓ hit</span> : <span className="neg">✗ miss</span>;
}

/**
 * The events behind the figures, newest first. Each opens the chart of the sector's lead asset
 * (or says why none is available).
 */
export function EventList({ study, leadAsset, onOpen }: { study: PatternStudy; leadAsset(sector: string): string | null; onOpen(base: string): void }) {
  const events = [...study.events].sort((a, b) => b.time - a.time);
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">Events ({events.length})</h2>
      {events.length === 0 ? <p className="muted">No sector crossed the threshold in the stored history.</p> : (
        <table aria-label="Study events" className="event-list">
          <thead>
            <tr>
              <th scope="col">Sector</th><th scope="col">Time UTC</th><th scope="col">Divergence % /8h</th>
              <th scope="col">Sector return %</th><th scope="col">Market return %</th><th scope="col">Outcome</th><th scope="col">Chart</th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, SHOWN).map((e) => {
              const lead = leadAsset(e.sector);
              return (
                <tr key={`${e.sector}-${e.time}`}>
                  <th scope="row">{e.sector}</th>
                  <td className="num">{new Date(e.time).toISOString().slice(0, 16).replace('T', ' ')}</td>
                  <td className={`num ${signClass(e.divergence)}`}>{formatPct(e.divergence)}</td>
                  <td className={`num ${signClass(e.sectorReturn)}`}>{formatPct(e.sectorReturn, 2)}</td>
                  <td className={`num ${signClass(e.marketReturn)}`}>{formatPct(e.marketReturn, 2)}</td>
                  <td><Hit hit={e.hit} /></td>
                  <td>
                    {lead ? (
                      <button className="link" onClick={() => onOpen(lead)} aria-label={`Open the ${lead} chart for the ${e.sector} event`} title={`${lead}: the ${e.sector} asset listed on the most venues`}>
                        {lead} chart
                      </button>
                    ) : <span className="muted" title="no member of this sector is quoted live">–</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {events.length > SHOWN ? <p className="muted">…and {events.length - SHOWN} older events.</p> : null}
    </section>
  );
}
