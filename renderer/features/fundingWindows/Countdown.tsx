import { formatCountdown, isWindowOpen } from '../../../shared/funding/settlements.ts';
import { useClock } from '../../store/clockStore.ts';
import { formatUtcTime } from '../../ui/format.ts';

/**
 * Time left to a settlement, ticking with the shared clock. Inside the window before it
 * the countdown is marked (colour plus a ◆ prefix).
 */
export function Countdown({ at, windowMinutes, title }: { at: number | null; windowMinutes: number; title?: string }) {
  const now = useClock((s) => s.now);
  if (at === null) return <span className="num muted" title="next settlement not published">–</span>;
  const open = isWindowOpen(at, now, windowMinutes);
  return (
    <time className={`num countdown${open ? ' window-open' : ''}`} dateTime={new Date(at).toISOString()} title={title ?? `settles ${formatUtcTime(at, now)}`}>
      {open ? '◆ ' : ''}
      {formatCountdown(at - now)}
    </time>
  );
}
