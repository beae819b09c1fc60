/**
 * Event-loop delay as the backend bench reports it. Node's histogram records the time between
 * two firings of its sampling timer, so an idle loop reads the timer's period (5 ms here, with
 * a millisecond of libuv jitter): the delay is what lies beyond it.
 */
import type { monitorEventLoopDelay } from 'node:perf_hooks';

type IntervalHistogram = ReturnType<typeof monitorEventLoopDelay>;

export const LOOP_SAMPLE_MS = 5;

export function loopLateness(histogram: IntervalHistogram): { loopDelayP50Ms: number; loopDelayP99Ms: number } {
  const beyondPeriod = (p: number) => Math.max(0, histogram.percentile(p) / 1e6 - LOOP_SAMPLE_MS);
  return { loopDelayP50Ms: beyondPeriod(50), loopDelayP99Ms: beyondPeriod(99) };
}

/** A bare Node process's loop measured the same way for `ms`: the machine's floor under its present load. */
export const IDLE_LOOP_SCRIPT = (ms: number) => `const { monitorEventLoopDelay } = await import('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: ${LOOP_SAMPLE_MS} }); h.enable();
await new Promise((r) => setTimeout(r, ${ms})); h.disable();
const beyond = (p) => Math.max(0, h.percentile(p) / 1e6 - ${LOOP_SAMPLE_MS});
console.log(JSON.stringify({ loopDelayP50Ms: beyond(50), loopDelayP99Ms: beyond(99) }));`;
