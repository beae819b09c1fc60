/**
 * One venue's polling loop: poll, publish what changed, wait, repeat. The next poll is
 * scheduled only after the previous one settled, so polls never overlap. Health follows the
 * bounds derived from the cadence (docs/health.md): a failed or late poll degrades the venue
 * at once and the next poll comes sooner, a poll still unanswered counts as late without
 * waiting for its timeout, a few bad polls in a row make it down, and the first good answer
 * restores it. Rate limits are honoured (Retry-After, then growing pauses once down).
 * Where the venue also streams, stream updates are merged into the same quotes and published
 * through the same callbacks; while the stream is healthy polls slow down (REST still owns
 * intervals and listings), and fall back to the normal period the moment it drops or goes silent.
 */
import type { FundingQuote, HealthBounds, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import type { VenueProfile } from '../../../shared/domain/venues.ts';
import type { VenueAdapter } from './adapter.ts';
import { healthStatus, healthView, initialHealth, noteError, recordAnswer, recordFailure, recordSuccess } from './health.ts';
import type { HealthState } from './health.ts';
import { diffSnapshot, sameValues, intervalChangeAlert, venueDownAlert, venueRecoveredAlert } from './quoteChanges.ts';
import { toVenueError } from './venueErrors.ts';
import { createStreamOverlay } from './streamMerge.ts';
import type { StreamUpdate } from './streamMerge.ts';
import type { VenueStream } from './streams.ts';

/** Longest pause between attempts on a rate-limited venue, before scaling. */
export const MAX_BACKOFF_MS = 120_000;

/** Polls stretch by this factor while the stream is live, kept under half the staleness bound. */
export const STREAMING_POLL_FACTOR = 4;

/** The poll period in force: slower while a stream carries the fast-moving fields. */
export function pollPeriodMs(pollMs: number, staleAfterMs: number, streaming: boolean): number {
  return streaming ? Math.max(pollMs, Math.min(pollMs * STREAMING_POLL_FACTOR, staleAfterMs / 2)) : pollMs;
}

/** How the last poll went, as far as the next poll's timing is concerned. */
export interface LastPoll {
  /** Failed or late polls in a row, this one included. */
  consecutiveErrors: number;
  rateLimited: boolean;
  /** What the venue asked for (Retry-After), scaled; 0 when it did not say. */
  retryAfterMs: number;
  /** How long the poll took: a down venue's polls start one cadence apart, however long each took. */
  tookMs?: number;
}

/**
 * Pause before the next poll. Good: the period in force. Bad, not yet down: the short retry,
 * so that down is decided within seconds. Down: one cadence from the start of the last poll (a
 * hung poll that timed out is followed at once), so that recovery shows within one period. Rate-limited: never sooner than the cadence or Retry-After, doubling once down.
 */
export function nextDelayMs(bounds: HealthBounds, periodMs: number, last: LastPoll, scale = 1): number {
  if (last.consecutiveErrors === 0) return periodMs;
  const beyondDown = last.consecutiveErrors - bounds.downAfterPolls;
  if (last.rateLimited) {
    const backoff = Math.min(bounds.pollMs * 2 ** Math.max(0, beyondDown), Math.max(MAX_BACKOFF_MS * scale, bounds.pollMs));
    return Math.max(backoff, last.retryAfterMs);
  }
  return beyondDown < 0 ? bounds.retryMs : Math.max(0, bounds.pollMs - (last.tookMs ?? 0));
}

/** The clock and timers the loop runs on: real ones by default, a manual clock in tests. */
export interface PollTimers {
  /** Monotonic milliseconds. */
  elapsed(): number;
  /** Runs `task` after `ms`; the returned function cancels it. */
  after(ms: number, task: () => void): () => void;
}

export const REAL_TIMERS: PollTimers = {
  elapsed: () => performance.now(),
  after(ms, task) {
    const timer = setTimeout(task, ms);
    return () => clearTimeout(timer);
  },
};

/** A paced wait looks at the clock's rate at least this often (real ms), so a speed change shortens waits already running. */
const PACED_RECHECK_MS = 250;

/**
 * Timers `rate()` times faster than real time: with Demo's clock sped up, a poller keeps its
 * venue's cadence, its late bounds and its backoff in simulated time, so quotes stay as fresh
 * in simulated seconds as at real speed (docs/desktop.md, "Demo"). A paused or real-time clock
 * (rate 0 or 1) paces as real time.
 */
export function pacedTimers(rate: () => number): PollTimers {
  const factor = (): number => Math.max(1, rate());
  let real = performance.now();
  let paced = real;
  const elapsed = (): number => {
    const at = performance.now();
    paced += (at - real) * factor();
    real = at;
    return paced;
  };
  return {
    elapsed,
    after(ms, task) {
      const due = elapsed() + ms;
      let timer: ReturnType<typeof setTimeout>;
      const arm = (): void => {
        const left = due - elapsed();
        // Under a millisecond left is due: a float remainder must not re-arm at zero delay.
        timer = setTimeout(left < 1 ? task : arm, Math.max(0, Math.min(left / factor(), PACED_RECHECK_MS)));
      };
      arm();
      return () => clearTimeout(timer);
    },
  };
}

export interface PollerOptions {
  adapter: VenueAdapter;
  profile: VenueProfile;
  /** Multiplies every period (poll, backoff, staleness bound); below 1 in tests. */
  scale: number;
  /** The health bounds in force (healthBounds(), from the same cadence and scale). */
  bounds: HealthBounds;
  now: () => number;
  timers?: PollTimers;
  onQuotes: (changed: FundingQuote[]) => void;
  /**
   * Every quote of a successful poll, changed or not: what confirms data is still fresh.
   * `snapshot` is true for a poll (every quote the venue lists) and false for a stream's updates.
   */
  onPolled?: (quotes: FundingQuote[], snapshot: boolean) => void;
  onAlerts: (alerts: Alert[]) => void;
  /** Called after every attempt, success or not, when a poll in flight turns late, and when the stream's state changes. */
  onAttempt: () => void;
  /** The venue's websocket stream, started after the first successful poll. */
  stream?: VenueStream;
}

export interface VenuePoller {
  start(): void;
  stop(): Promise<void>;
  quotes(): FundingQuote[];
  health(): VenueHealth;
}

/** The poll in flight: when it started, its late bound, how often it was already counted as late. */
interface Flight {
  startedAt: number;
  lateAfterMs: number;
  overdue: number;
  cancel: () => void;
}

function retryAfterHeader(adapter: VenueAdapter): string | undefined {
  const headers = (adapter.exchange.last_response_headers ?? {}) as Record<string, string | undefined>;
  return headers['Retry-After'] ?? headers['retry-after'];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function lateAnswer(label: string, latencyMs: number, bounds: HealthBounds): string {
  return `${label} answered in ${seconds(latencyMs)}, later than the ${seconds(bounds.lateAfterMs)} a poll may take at its ${seconds(bounds.pollMs)} cadence; its data is used, but the poll counts as late.`;
}

function noAnswer(label: string, waitedMs: number, bounds: HealthBounds): string {
  return `${label} has not answered for ${seconds(waitedMs)} (a poll may take ${seconds(bounds.lateAfterMs)} at its ${seconds(bounds.pollMs)} cadence); the terminal keeps waiting and counts the poll as late.`;
}

export function createVenuePoller(options: PollerOptions): VenuePoller {
  const { adapter, profile, scale, now, bounds } = options;
  const timers = options.timers ?? REAL_TIMERS;
  const venue = adapter.venue;
  let state: HealthState = initialHealth(venue);
  let quotes = new Map<string, FundingQuote>();
  let downSince: number | null = null;
  let cancelTimer: (() => void) | null = null;
  let flight: Flight | null = null;
  let lastSettledAt = -Infinity;
  let running: Promise<void> | null = null;
  let stopped = true;
  const stream = options.stream;
  const overlay = createStreamOverlay();
  const currentPollMs = (): number => pollPeriodMs(profile.pollMs, profile.staleAfterMs, stream?.healthy() ?? false) * scale;
  const staleAfterMs = profile.staleAfterMs * scale;

  function streamed(updates: StreamUpdate[]): void {
    const merged = overlay.accept(quotes, updates, now());
    if (merged.length === 0) return;
    const changed = merged.filter((quote) => !sameValues(quotes.get(quote.symbol)!, quote));
    for (const quote of merged) quotes.set(quote.symbol, quote);
    if (changed.length > 0) options.onQuotes(changed);
    options.onPolled?.(merged, false);
  }

  /** A dropped or silent stream must not leave the venue on the slow period: poll at the normal one. */
  function streamStateChanged(): void {
    if (!stream?.healthy() && cancelTimer !== null && !stopped && state.consecutiveErrors === 0) {
      schedule(Math.max(0, lastSettledAt + currentPollMs() - timers.elapsed()));
    }
    options.onAttempt();
  }

  function startStream(): void {
    if (!stream || stopped) return;
    stream.start({ quotes: () => [...quotes.values()], onUpdates: streamed, onState: streamStateChanged });
  }

  /** One more failed or late poll; the first that reaches the down bound raises the alert. */
  function countBad(message: string): void {
    const at = now();
    state = recordFailure(state, at, message);
    if (downSince === null && healthStatus(state, { now: at, staleAfterMs, bounds }) === 'down') {
      downSince = at;
      options.onAlerts([venueDownAlert(venue, message, at)]);
    }
  }

  /** Arms the late bound of a poll just started; while it stays unanswered, one more late poll per retry period. */
  function takeOff(): Flight {
    // A poll that (re)loads the market list may take up to the cadence before it is late.
    const lateAfterMs = adapter.marketsDue() ? Math.max(bounds.lateAfterMs, bounds.pollMs) : bounds.lateAfterMs;
    const current: Flight = { startedAt: timers.elapsed(), lateAfterMs, overdue: 0, cancel: () => undefined };
    const mark = (): void => {
      current.overdue++;
      countBad(noAnswer(profile.label, timers.elapsed() - current.startedAt, bounds));
      options.onAttempt();
      if (state.consecutiveErrors < bounds.downAfterPolls) current.cancel = timers.after(bounds.retryMs, mark);
    };
    current.cancel = timers.after(lateAfterMs, mark);
    return current;
  }

  function succeeded(polled: FundingQuote[], current: Flight): void {
    // A poll answered after stop (the venue switched off) must not bring its quotes back.
    if (stopped) return;
    const at = now();
    const latencyMs = timers.elapsed() - current.startedAt;
    const snapshot = overlay.onto(polled);
    const diff = diffSnapshot(quotes, snapshot);
    quotes = new Map(snapshot.map((quote) => [quote.symbol, quote]));
    const alerts = diff.intervalChanges.map(({ quote, previousHours }) => intervalChangeAlert(quote, previousHours, at));
    if (current.overdue > 0) {
      state = noteError(recordAnswer(state, at, latencyMs, snapshot.length), at, lateAnswer(profile.label, latencyMs, bounds));
    } else if (latencyMs > current.lateAfterMs) {
      state = recordAnswer(state, at, latencyMs, snapshot.length);
      countBad(lateAnswer(profile.label, latencyMs, bounds));
    } else {
      state = recordSuccess(state, at, latencyMs, snapshot.length);
      if (downSince !== null) alerts.push(venueRecoveredAlert(venue, downSince, at));
      downSince = null;
    }
    if (diff.changed.length > 0) options.onQuotes(diff.changed);
    options.onPolled?.(snapshot, true);
    if (alerts.length > 0) options.onAlerts(alerts);
    startStream();
  }

  function failed(error: unknown, current: Flight): LastPoll {
    const at = now();
    const venueError = toVenueError(venue, error, retryAfterHeader(adapter), at);
    if (current.overdue > 0) state = noteError(state, at, venueError.message);
    else countBad(venueError.message);
    return { consecutiveErrors: state.consecutiveErrors, rateLimited: venueError.kind === 'rate-limited', retryAfterMs: (venueError.retryAfterMs ?? 0) * scale };
  }

  async function attempt(): Promise<void> {
    const current = takeOff();
    flight = current;
    let last: LastPoll;
    try {
      succeeded(await adapter.poll(), current);
      last = { consecutiveErrors: state.consecutiveErrors, rateLimited: false, retryAfterMs: 0 };
    } catch (error) {
      last = failed(error, current);
    }
    current.cancel();
    flight = null;
    lastSettledAt = timers.elapsed();
    options.onAttempt();
    if (!stopped) schedule(nextDelayMs(bounds, currentPollMs(), { ...last, tookMs: lastSettledAt - current.startedAt }, scale));
  }

  function schedule(delayMs: number): void {
    cancelTimer?.();
    cancelTimer = timers.after(delayMs, () => {
      cancelTimer = null;
      running = attempt().finally(() => { running = null; });
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      flight?.cancel();
      await Promise.all([running, stream?.stop()]);
    },
    quotes: () => [...quotes.values()],
    health() {
      const streamState = stream?.state();
      const view = healthView(state, { now: now(), staleAfterMs, bounds, streamSilent: streamState?.status === 'silent' });
      return streamState ? { ...view, stream: { ...streamState, pollMs: currentPollMs() } } : view;
    },
  };
}
