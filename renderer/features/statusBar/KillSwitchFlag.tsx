import { openVenueLines, retryText } from '../../../shared/domain/killSwitchWords.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import { useClock } from '../../store/clockStore.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useUi } from '../../store/uiStore.ts';

/**
 * In the status bar while the last kill switch left a venue not flat: which venues, and what
 * the kill switch keeps doing about them (background retries, or stopped by a re-arm). It
 * goes only when a report says every venue is flat; a click opens the full report.
 */
export function KillSwitchFlag() {
  const report = useSession((s) => s.killSwitch);
  const setUi = useUi((s) => s.set);
  const now = useClock((s) => s.now);
  if (report === null || report.venues.every((row) => row.flat)) return null;
  const open = report.venues.filter((row) => !row.flat).map((row) => VENUES[row.venue].label).join(', ');
  const doing = retryText(report, now) ?? 'not retrying; check these venues by hand';
  // The bar has room for a few words; the full sentence is in the tooltip and the accessible name.
  const next = report.retry.nextAt === null ? '' : `, next in ${Math.max(0, Math.ceil((report.retry.nextAt - now) / 1000))} s`;
  const short = report.retry.active ? `retrying${next}` : report.retry.endedBy === 're-armed' ? 'retries stopped (re-armed)' : 'not retrying';
  return (
    <span role="alert">
      <button className="exposure-flag unhedged" onClick={() => setUi({ killReportOpen: true })}
        title={`${openVenueLines(report).join('\n')}\n${doing}`}
        aria-label={`Kill switch: NOT FLAT on ${open}; ${doing}; open the report`}>
        ⚠ NOT FLAT: {open} — {short}
      </button>
    </span>
  );
}
