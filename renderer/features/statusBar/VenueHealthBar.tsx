import { useEffect, useRef, useState } from 'react';
import type { VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { formatAge } from '../../ui/format.ts';
import { VenueChip } from './VenueChip.tsx';
import { chipState, healthSummary, healthTooltip, STATE_MARK, worstFirst } from './venueHealthText.ts';

/** Every venue's report as a table: what the compact chips leave to their tooltips. */
function VenueList({ list, now, onClose }: { list: readonly VenueHealth[]; now: number; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} className="venue-list" role="dialog" aria-label="Venue health details" tabIndex={-1} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <table>
        <thead>
          <tr><th>Venue</th><th>State</th><th className="num">Latency ms</th><th className="num">Data age</th><th className="num">Errors</th><th>Last error</th></tr>
        </thead>
        <tbody>
          {worstFirst(list).map((h) => {
            const state = chipState(h);
            return (
              <tr key={h.venue} className={`chip-${state}`} title={healthTooltip(h, now)}>
                <td>{VENUES[h.venue].label}</td>
                <td><span className="chip-mark" aria-hidden="true">{STATE_MARK[state]}</span> {state}</td>
                <td className="num">{h.latencyMs === null ? '–' : Math.round(h.latencyMs)}</td>
                <td className="num">{h.lastSuccessAt === null ? '–' : formatAge(Math.max(0, now - h.lastSuccessAt))}</td>
                <td className="num">{h.errorCount}</td>
                <td className="last-error">{h.lastError ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button onClick={onClose} aria-label="Close venue health details">✕</button>
    </div>
  );
}

/**
 * The venues' health in the status bar: one compact chip per venue, and a button with the worst
 * state and its count that opens the list of every venue's figures (Esc closes it).
 */
export function VenueHealthBar({ list, now }: { list: readonly VenueHealth[]; now: number }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const summary = healthSummary(list);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return (
    <>
      <ul className="chips" aria-label="Venue health">
        {list.map((h) => <VenueChip key={h.venue} health={h} now={now} />)}
      </ul>
      <button ref={buttonRef} className={`venue-summary chip-${summary.worst}`} aria-label={summary.label} title={summary.label} aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chip-mark" aria-hidden="true">{STATE_MARK[summary.worst]}</span> {summary.text}
      </button>
      {open ? <VenueList list={list} now={now} onClose={close} /> : null}
    </>
  );
}
