/**
 * Demo's clock control (docs/screens.md, "Demo clock"): the trader reads and sets the speed of
 * the simulated venues' clock, or pauses it, and every window hears the change. The venues,
 * the engine, the desk and the market-data worker's pollers all run on this one clock, so a
 * change reaches them without a restart.
 */
import type { DemoClock } from '../../shared/domain/demoClock.ts';
import type { Handlers, Publish } from '../../shared/ipc/contract.ts';
import type { DemoVenues } from './demo.ts';

type DemoClockRequest = 'demo.clock' | 'demo.setClock';

export function createDemoClockHandlers(demo: DemoVenues | null, publish: Publish): Pick<Handlers, DemoClockRequest> {
  const read = (clock: DemoVenues['simulator']['clock']): DemoClock => ({ now: clock.now(), speed: clock.speed, paused: clock.paused });
  return {
    'demo.clock': async () => (demo ? read(demo.simulator.clock) : null),
    'demo.setClock': async ({ speed, paused }) => {
      if (!demo) throw new Error('the clock can be set in Demo only: outside Demo the venues run on real time');
      const { clock } = demo.simulator;
      if (speed !== undefined) clock.setSpeed(speed);
      if (paused === true) clock.pause();
      if (paused === false) clock.resume();
      const state = read(clock);
      publish('demoClock', state);
      return state;
    },
  };
}
