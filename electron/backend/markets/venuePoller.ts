/**
 * One venue's polling loop: poll, publish what changed, wait, repeat. The next poll is
 * scheduled only after the previous one settled, so polls never overlap; failures back off
 * exponentially (never sooner than a venue's Retry-After) and the loop keeps going, so a
 * venue recovers on its own once it answers again.
 * Where the venue also streams, stream updates are merged into the same quotes and published
 * through the same callbacks; while the stream is healthy polls slow down (REST still owns
 * intervals and listings), and fall back to the normal period the moment it drops.
 */
import type { FundingQuote, VenueHealth } from '../../../shared/domain/quotes.ts';
import type { Alert } from '../../../shared/domain/signals.ts';
import type { VenueProfile } from '../../../shared/domain/venues.ts';
import type { VenueAdapter } from './adapter.ts';
import { healthStatus, healthView, initialHealth, recordFailure, recordSuccess } from './health.ts';
import type { HealthState } from './health.ts';
import { diffSnapshot, sameValues, intervalChangeAlert, venueDownAlert, venueRecoveredAlert } from './quoteChanges.ts';
import { toVenueError } from './venueErrors.ts';
import { createStreamOverlay } from './streamMerge.ts';
import type { StreamUpdate } from './streamMerge.ts';
import type { VenueStream } from './streams.ts';

/** Longest pause between attempts on a failing venue, before scaling. */
export const MAX_BACKOFF_MS = 120_000;

/** Polls stretch by this factor while the stream is live, kept under half the staleness bound. */
export const STREAMING_POLL_FACTOR = 4;

/** The poll period in force: slower while a stream carries the fast-moving fields. */
export function pollPeriodMs(pollMs: number, staleAfterMs: number, streaming: boolean): number {
  return streaming ? Math.max(pollMs, Math.min(pollMs * STREAMING_POLL_FACTOR, staleAfterMs / 2)) : pollMs;
}

/** Pause before the next attempt: the poll period, doubled per consecutive failure, capped. */
export function nextDelayMs(pollMs: number, consecutiveErrors: number, retryAfterMs = 0): number {
  if (consecutiveErrors === 0) return pollMs;
  const backoff = Math.min(pollMs * 2 ** consecutiveErrors, Math.max(MAX_BACKOFF_MS, pollMs));
  return Math.max(backoff, retryAfterMs);
}

export interface PollerOptions {
  adapter: VenueAdapter;
  profile: VenueProfile;
  /** Multiplies every period (poll, backoff, staleness bound); below 1 in tests. */
  scale: number;
  now: () => number;
  onQuotes: (changed: FundingQuote[]) => void;
  /** Every quote of a successful poll, changed or not: what confirms data is still fresh. */
  onPolled?: (all: FundingQuote[]) => void;
  onAlerts: (alerts: Alert[]) => void;
  /** Called after every attempt, success or not (and when the stream's state changes). */
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

function retryAfterHeader(adapter: VenueAdapter): string | undefined {
  const headers = (adapter.exchange.last_response_headers ?? {}) as Record<string, string | undefined>;
  return headers['Retry-After'] ?? headers['retry-after'];
}

export function createVenuePoller(options: PollerOptions): VenuePoller {
  const { adapter, profile, scale, now } = options;
  const venue = adapter.venue;
  let state: HealthState = initialHealth(venue);
  let quotes = new Map<string, FundingQuote>();
  let downSince: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  const stream = options.stream;
  const overlay = createStreamOverlay();
  const currentPollMs = (): number => pollPeriodMs(profile.pollMs, profile.staleAfterMs, stream?.healthy() ?? false) * scale;

  function streamed(updates: StreamUpdate[]): void {
    const merged = overlay.accept(quotes, updates, now());
    if (merged.length === 0) return;
    const changed = merged.filter((quote) => !sameValues(quotes.get(quote.symbol)!, quote));
    for (const quote of merged) quotes.set(quote.symbol, quote);
    if (changed.length > 0) options.onQuotes(changed);
    options.onPolled?.(merged);
  }

  /** A dropped stream must not leave the venue on the slow period: poll again at the normal one. */
  function streamStateChanged(): void {
    if (!stream?.healthy() && timer !== null && !stopped) {
      clearTimeout(timer);
      schedule(nextDelayMs(currentPollMs(), state.consecutiveErrors));
    }
    options.onAttempt();
  }

  function startStream(): void {
    if (!stream || stopped) return;
    stream.start({ quotes: () => [...quotes.values()], onUpdates: streamed, onState: streamStateChanged });
  }

  function succeeded(polled: FundingQuote[], latencyMs: number): void {
    const at = now();
    const snapshot = overlay.onto(polled);
    const diff = diffSnapshot(quotes, snapshot);
    quotes = new Map(snapshot.map((quote) => [quote.symbol, quote]));
    state = recordSuccess(state, at, latencyMs, snapshot.length);
    const alerts = diff.intervalChanges.map(({ quote, previousHours }) => intervalChangeAlert(quote, previousHours, at));
    if (downSince !== null) alerts.push(venueRecoveredAlert(venue, downSince, at));
    downSince = null;
    if (diff.changed.length > 0) options.onQuotes(diff.changed);
    options.onPolled?.(snapshot);
    if (alerts.length > 0) options.onAlerts(alerts);
    startStream();
  }

  function failed(error: unknown): number {
    const at = now();
    const venueError = toVenueError(venue, error, retryAfterHeader(adapter), at);
    state = recordFailure(state, at, venueError.message);
    if (downSince === null && healthStatus(state, at, profile.staleAfterMs * scale) === 'down') {
      downSince = at;
      options.onAlerts([venueDownAlert(venue, venueError.message, at)]);
    }
    return venueError.retryAfterMs ?? 0;
  }

  async function attempt(): Promise<void> {
    const started = performance.now();
    let retryAfterMs = 0;
    try {
      succeeded(await adapter.poll(), performance.now() - started);
    } catch (error) {
      retryAfterMs = failed(error);
    }
    options.onAttempt();
    if (!stopped) schedule(nextDelayMs(currentPollMs(), state.consecutiveErrors, retryAfterMs * scale));
  }

  function schedule(delayMs: number): void {
    timer = setTimeout(() => {
      timer = null;
      running = attempt().finally(() => { running = null; });
    }, delayMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await Promise.all([running, stream?.stop()]);
    },
    quotes: () => [...quotes.values()],
    health() {
      const view = healthView(state, now(), profile.staleAfterMs * scale);
      return stream ? { ...view, stream: { ...stream.state(), pollMs: currentPollMs() } } : view;
    },
  };
}
