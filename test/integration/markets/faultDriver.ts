/**
 * Drives one venue's real poller (real adapter, real ccxt, the simulator's fault injection) on
 * a manual clock: the test decides when each poll is due and how long it takes in the
 * terminal's time, so health bounds are checked as counts of polls. Shared by the fault matrix
 * test and the fault-detection benchmark.
 */
import type { VenueAdapter } from '../../../electron/backend/markets/adapter.ts';
import { ADAPTERS } from '../../../electron/backend/markets/adapters.ts';
import { healthBounds } from '../../../electron/backend/markets/health.ts';
import { createVenuePoller } from '../../../electron/backend/markets/venuePoller.ts';
import type { VenuePoller } from '../../../electron/backend/markets/venuePoller.ts';
import type { FaultSpec } from '../../../electron/simulator/faults.ts';
import type { HealthBounds, VenueHealth } from '../../../shared/domain/quotes.ts';
import { VENUES } from '../../../shared/domain/venues.ts';
import type { VenueId } from '../../../shared/domain/venues.ts';
import { ManualTimers } from '../../fixtures/manualTimers.ts';
import { waitFor } from './simulatorHarness.ts';
import type { Simulator } from './simulatorHarness.ts';

export interface MatrixFault {
  name: string;
  spec: Omit<FaultSpec, 'venue'>;
  /** The venue never answers: the poll stays in flight until ccxt's timeout. */
  hangs?: boolean;
  /** The venue answers, but later than the late bound (the clock moves past it while the poll is in flight). */
  slow?: boolean;
}

export const MATRIX_FAULTS: MatrixFault[] = [
  { name: 'HTTP 429', spec: { kind: 'status', status: 429 } },
  { name: 'HTTP 418', spec: { kind: 'status', status: 418 } },
  { name: 'HTTP 503', spec: { kind: 'status', status: 503 } },
  { name: 'a hang', spec: { kind: 'hang' }, hangs: true },
  { name: 'a slow answer', spec: { kind: 'delay', delayMs: 20 }, slow: true },
  { name: 'a garbage body', spec: { kind: 'garbage' } },
  { name: 'an empty list', spec: { kind: 'empty' } },
  { name: 'a reset connection', spec: { kind: 'reset' } },
];

/** Real milliseconds ccxt waits on a hung request; only the hang cells ever wait for it. */
export const HANG_TIMEOUT_MS = 1_000;

/** What one outage looked like, in polls and in the terminal's (manual) time. */
export interface Outage {
  /** Status after each bad poll, or after each late mark of a poll still unanswered. */
  statuses: Array<VenueHealth['status']>;
  /** Polls sent while the fault lasted. */
  pollsDuringFault: number;
  /** Polls sent after the fault was cleared, up to and including the first good one. */
  pollsToRecover: number;
  /** Manual-clock ms from the fault to degraded, to down, and from clearing it to ok. */
  msToDegraded: number;
  msToDown: number;
  msToRecovered: number;
}

export class FaultDriver {
  readonly timers = new ManualTimers();
  readonly bounds: HealthBounds;
  readonly poller: VenuePoller;
  private readonly adapter: VenueAdapter;
  private started = 0;
  private settled = 0;
  private lastPollAt = 0;

  private readonly sim: Simulator;
  readonly venue: VenueId;

  constructor(sim: Simulator, venue: VenueId) {
    this.sim = sim;
    this.venue = venue;
    this.adapter = ADAPTERS[venue]({ connection: { baseUrl: sim.url, timeoutMs: HANG_TIMEOUT_MS }, cadenceScale: 1, now: () => sim.clock.now() });
    this.bounds = healthBounds({ pollMs: VENUES[venue].pollMs, scale: 1 });
    const counted: VenueAdapter = {
      ...this.adapter,
      poll: async () => {
        this.started++;
        this.lastPollAt = this.timers.elapsed();
        try {
          return await this.adapter.poll();
        } finally {
          this.settled++;
        }
      },
    };
    this.poller = createVenuePoller({
      adapter: counted, profile: VENUES[venue], scale: 1, bounds: this.bounds, timers: this.timers, now: () => sim.clock.now(),
      onQuotes: () => undefined, onAlerts: () => undefined, onAttempt: () => undefined,
    });
  }

  status(): VenueHealth['status'] {
    return this.poller.health().status;
  }

  /** Starts the loop and polls until the venue is ok (the first poll loads the markets, which a loaded machine may not finish in time). */
  async start(): Promise<void> {
    this.poller.start();
    for (let polls = 0; polls < this.bounds.downAfterPolls && this.status() !== 'ok'; polls++) await this.pollOnce();
  }

  /**
   * One outage from fault to recovery. The fault starts at `phase` (a share, 0 to 1) of the wait
   * for the next poll, and is cleared at `clearPhase` of the time between down and the next poll
   * (or, for a hang, the hung request's timeout); both 0 in the matrix.
   */
  async outage(fault: MatrixFault, phase = 0, clearPhase = 0): Promise<Outage> {
    this.timers.advance(phase * Math.max(0, (this.timers.nextIn() ?? 0) - 1));
    const injected = this.sim.faults.inject({ venue: this.venue, ...fault.spec });
    const faultAt = this.timers.elapsed();
    const startedBefore = this.started;
    const statuses: Array<VenueHealth['status']> = [];
    let degradedAt = NaN;
    let downAt = NaN;
    const note = (): void => {
      statuses.push(this.status());
      if (Number.isNaN(degradedAt) && this.status() !== 'ok') degradedAt = this.timers.elapsed();
      if (Number.isNaN(downAt) && this.status() === 'down') downAt = this.timers.elapsed();
    };
    while (this.status() !== 'down' && statuses.length < 2 * this.bounds.downAfterPolls) {
      if (fault.hangs) await this.hungPoll(note);
      else {
        await this.pollOnce(fault.slow === true ? this.bounds.lateAfterMs + 1 : 0);
        note();
      }
    }
    const pollsDuringFault = this.started - startedBefore;
    // Live, a hung request times out one cadence after it started (ccxt's timeout is the cadence):
    // the fault is cleared before then, and the clock moved to that moment before ccxt's short
    // test timeout ends the request.
    const timesOutAt = this.lastPollAt + this.bounds.pollMs;
    const clearWithin = fault.hangs ? timesOutAt - this.timers.elapsed() : (this.timers.nextIn() ?? 0);
    this.timers.advance(clearPhase * Math.max(0, clearWithin - 1));
    this.sim.faults.clear(injected.id);
    const clearedAt = this.timers.elapsed();
    if (fault.hangs) this.timers.advance(Math.max(0, timesOutAt - clearedAt));
    await waitFor(`${this.venue} hung poll timed out`, () => this.settled === this.started);
    const startedAtClear = this.started;
    while (this.status() !== 'ok' && this.started - startedAtClear < this.bounds.downAfterPolls) await this.pollOnce();
    return {
      statuses, pollsDuringFault, pollsToRecover: this.started - startedAtClear,
      msToDegraded: degradedAt - faultAt, msToDown: downAt - faultAt, msToRecovered: this.timers.elapsed() - clearedAt,
    };
  }

  async stop(): Promise<void> {
    await this.poller.stop();
    await this.adapter.close();
  }

  /** Fires the next poll; moves the clock by `takesMs` while it is in flight; waits for its answer. */
  private async pollOnce(takesMs = 0): Promise<void> {
    const before = this.started;
    this.timers.fireNext();
    if (this.started !== before + 1) throw new Error(`${this.venue}: the next timer was not a poll`);
    if (takesMs > 0) this.timers.advance(takesMs);
    await waitFor(`${this.venue} poll answered`, () => this.settled === this.started);
  }

  /** Fires the next poll, which hangs; then each late mark until the venue is down or no mark is left. */
  private async hungPoll(note: () => void): Promise<void> {
    const before = this.started;
    this.timers.fireNext();
    if (this.started !== before + 1) throw new Error(`${this.venue}: the next timer was not a poll`);
    while (this.status() !== 'down' && this.timers.nextIn() !== null && this.settled < this.started) {
      this.timers.fireNext();
      note();
    }
  }
}
