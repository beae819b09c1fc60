import { formatCountdown } from '../../../shared/funding/settlements.ts';
import { VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { useClock } from '../../store/clockStore.ts';
import { formatUtcTime } from '../../ui/format.ts';
import { Countdown } from '../fundingWindows/Countdown.tsx';
import { pairNext, type PairTimes } from './rowOrder.ts';

function legText(role: string, venue: VenueId | null, at: number | null, now: number): string {
  const name = venue ? VENUES[venue].label : '–';
  return at === null ? `${role} leg (${name}): next settlement not published` : `${role} leg (${name}) settles in ${formatCountdown(at - now)}, at ${formatUtcTime(at, now)}`;
}

/**
 * The pair's next settlement and which leg pays it (L long, S short, LS both at once), the
 * other leg's in the tooltip: a 1 h leg against an 8 h one pays eight times before the other.
 */
export function NextSettlement({ pair, windowMinutes }: { pair: PairTimes; windowMinutes: number }) {
  const now = useClock((s) => s.now);
  const long = pair.longNextFundingTime ?? null;
  const short = pair.shortNextFundingTime ?? null;
  const at = pairNext(pair);
  if (at === null) return <Countdown at={null} windowMinutes={windowMinutes} />;
  const mark = long === short ? 'LS' : at === long ? 'L' : 'S';
  const title = `${legText('Long', pair.longVenue, long, now)}; ${legText('short', pair.shortVenue, short, now)}`;
  return (
    <span title={title}>
      <span className="unit">{mark}</span>{' '}
      <Countdown at={at} windowMinutes={windowMinutes} title={title} compact />
    </span>
  );
}
