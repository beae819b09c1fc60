/**
 * Simulated time. Real time (`speed` 1), accelerated (`speed` = simulated seconds per real
 * second, e.g. 3600 for one simulated hour per second), or paused, where time moves only by
 * `step(ms)` — the mode for deterministic tests. Listeners hear every tick with the new time.
 */
export type ClockListener = (now: number) => void;

export interface ClockOptions {
  startTime?: number;
  speed?: number;
  paused?: boolean;
  /** Real milliseconds between ticks while running. */
  tickMs?: number;
  /** Source of real time; injectable for tests. */
  realNow?: () => number;
}

export class SimClock {
  private anchorReal: number;
  private anchorSim: number;
  private speedValue: number;
  private pausedValue: boolean;
  private readonly listeners = new Set<ClockListener>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly tickMs: number;
  private readonly realNow: () => number;

  constructor(options: ClockOptions = {}) {
    this.realNow = options.realNow ?? Date.now;
    this.anchorReal = this.realNow();
    this.anchorSim = options.startTime ?? this.anchorReal;
    this.speedValue = options.speed ?? 1;
    this.pausedValue = options.paused ?? false;
    this.tickMs = options.tickMs ?? 250;
    if (!(this.speedValue > 0)) throw new RangeError(`clock speed must be > 0, got ${this.speedValue}`);
  }

  now(): number {
    if (this.pausedValue) return this.anchorSim;
    return Math.floor(this.anchorSim + (this.realNow() - this.anchorReal) * this.speedValue);
  }

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError(`clock speed must be > 0, got ${speed}`);
    this.reanchor();
    this.speedValue = speed;
  }

  pause(): void {
    this.reanchor();
    this.pausedValue = true;
    this.notify();
  }

  resume(): void {
    this.reanchor();
    this.pausedValue = false;
  }

  /** Moves simulated time forward by `ms` (any mode) and notifies listeners once. */
  step(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`clock step must be >= 0 ms, got ${ms}`);
    this.reanchor();
    this.anchorSim += ms;
    this.notify();
    return this.anchorSim;
  }

  /** Jumps to an absolute simulated time, never backwards. */
  advanceTo(time: number): number {
    return this.step(Math.max(0, time - this.now()));
  }

  onTick(listener: ClockListener): () => void {
    this.listeners.add(listener);
    this.ensureTimer();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  stop(): void {
    this.listeners.clear();
    this.stopTimer();
  }

  private reanchor(): void {
    this.anchorSim = this.now();
    this.anchorReal = this.realNow();
  }

  private notify(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.pausedValue) this.notify();
    }, this.tickMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
