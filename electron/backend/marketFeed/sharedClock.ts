/**
 * The venues' clock across the thread boundary. Live it is real time and nothing is shared; in
 * Demo and tests it is a simulator's clock (paused, stepped, sped up), which lives on the main
 * thread. Main writes the clock's anchors (simulated time, real time, rate) into shared memory
 * whenever it ticks or is stepped; the market-data worker reads them and extrapolates, so its
 * quotes and health are stamped on the same time as the rest of the backend.
 */

/** A clock main follows: the simulator's `SimClock` has this shape. */
export interface FollowedClock {
  now(): number;
  readonly paused: boolean;
  readonly speed: number;
  /** Called on every tick while running and on every step; returns the unsubscribe. */
  onTick(listener: (now: number) => void): () => void;
}

/** Bytes: a sequence counter (Int32, padded to 8) and three Float64 anchors. */
const BYTES = 8 + 3 * 8;

/**
 * A sequence lock: the writer makes the counter odd while it writes, so a reader that saw an
 * odd or changed counter reads again instead of mixing two writes' anchors.
 */
function views(buffer: SharedArrayBuffer): { sequence: Int32Array; anchors: Float64Array } {
  return { sequence: new Int32Array(buffer, 0, 1), anchors: new Float64Array(buffer, 8, 3) };
}

/** Starts sharing `clock`; `stop` unsubscribes from its ticks. */
export function shareClock(clock: FollowedClock): { buffer: SharedArrayBuffer; stop(): void } {
  const buffer = new SharedArrayBuffer(BYTES);
  const { sequence, anchors } = views(buffer);
  const write = (): void => {
    Atomics.add(sequence, 0, 1);
    anchors[0] = clock.now();
    anchors[1] = Date.now();
    anchors[2] = clock.paused ? 0 : clock.speed;
    Atomics.add(sequence, 0, 1);
  };
  write();
  return { buffer, stop: clock.onTick(write) };
}

/** The three anchors as one write left them (a sequence lock: a read torn by a write is retried). */
function readAnchors(buffer: SharedArrayBuffer): () => [sim: number, real: number, rate: number] {
  const { sequence, anchors } = views(buffer);
  return () => {
    for (;;) {
      const before = Atomics.load(sequence, 0);
      if ((before & 1) === 1) continue;
      const [sim, real, rate] = anchors;
      if (Atomics.load(sequence, 0) === before) return [sim, real, rate];
    }
  };
}

/** The reading side: the shared clock's time now, as `SimClock.now()` would give it. */
export function readSharedClock(buffer: SharedArrayBuffer): () => number {
  const read = readAnchors(buffer);
  return () => {
    const [sim, real, rate] = read();
    return Math.floor(sim + (Date.now() - real) * rate);
  };
}

/** Simulated ms per real ms now: the clock's speed, 0 while paused. */
export function readSharedRate(buffer: SharedArrayBuffer): () => number {
  const read = readAnchors(buffer);
  return () => read()[2];
}
