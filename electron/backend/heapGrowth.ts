import { setFlagsFromString } from 'node:v8';

/** How far past what survived a major collection V8 lets the old generation grow before the next one. */
const HEAP_GROWING_PERCENT = 25;

/**
 * V8 lets a busy isolate's old generation grow to a multiple of what survived the last major
 * collection; the parsed venue answers polling drops every second pile up in it, about 100 MB
 * across the threads with six venues. Growth capped at 25 % keeps them collected for a few
 * points of a core (docs/architecture.md, "Memory"). V8 reads the factor at every collection, so
 * it takes effect at run time, on every platform, without a launch flag; it is process-wide, so
 * the worker threads started after it get it too.
 */
export function capHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
