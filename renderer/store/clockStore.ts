import { create } from 'zustand';

/**
 * One clock for every countdown on screen, ticking on the second boundary, so that all
 * countdowns change together and only the components that show time re-render.
 */
export const useClock = create<{ now: number }>(() => ({ now: Date.now() }));

export function startClock(): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const tick = (): void => {
    const now = Date.now();
    useClock.setState({ now });
    timer = setTimeout(tick, 1000 - (now % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
