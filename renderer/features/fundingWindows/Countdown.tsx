import { formatCountdown, isWindowOpen } from '../../../shared/funding/settlements.ts';
import { useClock } from '../../store/clockStore.ts';
import { formatUtcTime } from '../../ui/format.ts';

/**
 * Time left to a settlement, ticking with the shared clock. Inside the window before it
 * the countdown is marked (colour plus a ◆ prefix). `compact` (a narrow grid cell): inside the
 * window and under an hour, mm:ss, so the ◆ takes the room of the hours it replaces.
 */
export function Countdown({ at, windowMinutes, title, compact = false }: { at: number | null; windowMinutes: number; title?: string; compact?: boolean }) {
  const now = useClock((s) => s.now);
  if (at === null) return <span className="num muted" title="next settlement not published">–</span>;
  const open = isWindowOpen(at, now, windowMinutes);
  const text = formatCountdown(at - now);
  const shown = compact && open && at - now < 3_600_000 ? text.slice(3) : text;
  return (
    <time className={`num countdown${open ? ' window-open' : ''}`} dateTime={new Date(at).toISOString()} title={title ?? `settles ${formatUtcTime(at, now)}`}>
      {open ? '◆ ' : ''}
      {shown}
    </time>
  );
}
