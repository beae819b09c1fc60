import { useMemo, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { isWindowOpen } from '../../../shared/funding/settlements.ts';
import { useClock } from '../../store/clockStore.ts';
import { useQuotes } from '../../store/quotesStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { Countdown } from './Countdown.tsx';
import { formatUtcTime } from '../../ui/format.ts';
import { Rate } from '../../ui/Rate.tsx';
import { buildSettlements, type Settlement } from './buildSettlements.ts';

const HORIZONS = [4, 8, 24] as const;
const MINUTE_MS = 60_000;

function Timeline({ settlements, now, horizonMs, windowMinutes, venues }: { settlements: Settlement[]; now: number; horizonMs: number; windowMinutes: number; venues: readonly VenueId[] }) {
  const x = (t: number) => `${(((t - now) / horizonMs) * 100).toFixed(3)}%`;
  const hours = Math.round(horizonMs / 3_600_000);
  const windowMs = windowMinutes * MINUTE_MS;
  const ticks = Array.from({ length: hours + 1 }, (_, i) => i);
  return (
    <div className="timeline" aria-hidden="true">
      <div className="timeline-axis">
        {ticks.map((h) => (
          <span key={h} style={{ left: `${(h / hours) * 100}%` }}>+{h}h</span>
        ))}
      </div>
      {venues.map((v) => (
        <div key={v} className="lane">
          <span className="lane-label">{VENUES[v].label}</span>
          <div className="lane-track">
            {settlements.filter((s) => s.venue === v).map((s) => (
              <span key={s.time}>
                <span className="window-band" style={{ left: x(s.time - windowMs), width: `${(windowMs / horizonMs) * 100}%` }} />
                <span className={`mark${isWindowOpen(s.time, now, windowMinutes) ? ' window-open' : ''}`} style={{ left: x(s.time) }} title={`${formatUtcTime(s.time, now)}: ${s.symbols} symbols`}>
                  {s.symbols}
                </span>
              </span>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** Upcoming settlements across venues and intervals; the minutes before each are its window. */
export function FundingWindows() {
  const quotes = useQuotes((s) => s.quotes);
  const now = useClock((s) => s.now);
  const settings = useSession((s) => s.settings) ?? DEFAULT_SETTINGS;
  const venues = useSession((s) => s.info?.venues) ?? VENUE_IDS;
  const [horizonHours, setHorizon] = useState<(typeof HORIZONS)[number]>(8);
  const horizonMs = horizonHours * 3_600_000;
  // Recomputed when quotes change or the minute turns, not on every clock tick.
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const all = useMemo(() => buildSettlements(quotes.values(), minute, horizonMs + MINUTE_MS), [quotes, minute, horizonMs]);
  const upcoming = all.filter((s) => s.time > now && s.time <= now + horizonMs);

  return (
    <section className="screen windows" aria-label="Funding windows">
      <div className="screen-head toolbar">
        <h1>Funding windows</h1>
        <span className="muted">window = {settings.windowMinutes} min before a settlement (Settings)</span>
        <label>
          Horizon
          <select aria-label="Horizon in hours" value={horizonHours} onChange={(e) => setHorizon(Number(e.target.value) as (typeof HORIZONS)[number])}>
            {HORIZONS.map((h) => <option key={h} value={h}>{h} h</option>)}
          </select>
        </label>
      </div>
      {quotes.size === 0 ? (
        <div className="placeholder" role="status">Waiting for quotes…</div>
      ) : (
        <>
          <Timeline settlements={upcoming} now={now} horizonMs={horizonMs} windowMinutes={settings.windowMinutes} venues={venues} />
          <div className="table-scroll">
            <table className="settlements" aria-label="Upcoming settlements">
              <thead>
                <tr>
                  <th scope="col">Time</th><th scope="col">In</th><th scope="col">Venue</th><th scope="col">Interval</th>
                  <th scope="col">Symbols</th><th scope="col">Largest rates to be paid (% /8h)</th>
                </tr>
              </thead>
              <tbody>
                {upcoming.map((s) => (
                  <tr key={`${s.venue}|${s.time}`} className={isWindowOpen(s.time, now, settings.windowMinutes) ? 'window-open' : ''}>
                    <td className="num">{formatUtcTime(s.time, now)}</td>
                    <td><Countdown at={s.time} windowMinutes={settings.windowMinutes} /></td>
                    <td>{VENUES[s.venue].label}</td>
                    <td>{s.intervals.map((h) => <span key={h} className={`interval i${h}`}>{h}h</span>)}</td>
                    <td className="num">{s.symbols}</td>
                    <td>
                      {s.projected ? (
                        <span className="muted" title="rates are published for the next settlement only">projected from interval</span>
                      ) : (
                        s.top.map((r) => (
                          <span key={r.symbol} className="top-rate" title={`${r.symbol}: ${r.rateKind}`}>
                            {r.base} <Rate value={r.ratePer8h} />
                          </span>
                        ))
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
