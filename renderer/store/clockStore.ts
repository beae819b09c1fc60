import { create } from 'zustand';
import { demoTimeAt, type DemoClock } from '../../shared/domain/demoClock.ts';

/**
 * One clock for every countdown on screen, ticking on the second boundary, so that all
 * countdowns change together and only the components that show time re-render. In Demo it is
 * the simulated venues' clock (docs/screens.md, "Demo clock"): the settlements, the quotes'
 * ages and the hours held are all on that time, so the countdowns must be too.
 */
export const useClock = create<{ now: number; demo: DemoClock | null }>(() => ({ now: Date.now(), demo: null }));

/** Demo's clock as last read and the real time it was read at; null outside Demo. */
let demo: { clock: DemoClock; readAt: number } | null = null;

/** The time on screen now: the wall clock, or in Demo the simulated clock extrapolated from its last read. */
export function clockNow(): number {
  return demo ? demoTimeAt(demo.clock, demo.readAt, Date.now()) : Date.now();
}

/** Follows Demo's clock from this read on (null: back to the wall clock). */
export function followDemoClock(clock: DemoClock | null): void {
  demo = clock ? { clock, readAt: Date.now() } : null;
  useClock.setState({ now: clockNow(), demo: clock });
}

export function startClock(): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const tick = (): void => {
    const now = clockNow();
    useClock.setState({ now });
    // A sped-up Demo clock crosses several seconds per real second: once a real second is enough.
    const fast = demo !== null && !demo.clock.paused && demo.clock.speed > 1;
    timer = setTimeout(tick, fast ? 1000 : 1000 - (now % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
