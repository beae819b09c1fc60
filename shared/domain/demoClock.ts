/**
 * Demo's clock as the trader sees and sets it (docs/screens.md, "Demo clock"): the simulated
 * time, how many simulated seconds pass per real second, and whether it is paused. Every
 * countdown on screen follows it in Demo; elsewhere the clock is the wall clock.
 */
import { z } from 'zod';

/**
 * The speeds offered. The pollers keep each venue's cadence in simulated time, so a faster
 * clock polls faster in real time: 10× polls Binance twice a second, about what two cores keep
 * up with beside the engine and the renderer (docs/desktop.md, "Demo").
 */
export const DEMO_SPEEDS = [1, 2, 5, 10] as const;
export type DemoSpeed = (typeof DEMO_SPEEDS)[number];

export const DemoSpeedSchema = z.union(DEMO_SPEEDS.map((speed) => z.literal(speed)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<5>, z.ZodLiteral<10>], {
  error: `the demo clock runs at ${DEMO_SPEEDS.join(', ')} times real time`,
});

export const DemoClockSchema = z.object({
  /** Simulated time when the answer was made, ms since the epoch. */
  now: z.number().int(),
  speed: z.number().positive(),
  paused: z.boolean(),
});
export type DemoClock = z.infer<typeof DemoClockSchema>;

export const DemoClockPatchSchema = z.object({ speed: DemoSpeedSchema.optional(), paused: z.boolean().optional() })
  .refine((patch) => patch.speed !== undefined || patch.paused !== undefined, { error: 'say a speed or whether the clock is paused' });

/** The simulated time `realNow` ms after the clock was read at `readAt` (real ms): what the screen shows. */
export function demoTimeAt(clock: DemoClock, readAt: number, realNow: number): number {
  return clock.paused ? clock.now : Math.floor(clock.now + (realNow - readAt) * clock.speed);
}
