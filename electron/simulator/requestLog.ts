/** The requests the simulator received, newest last, bounded so a long demo does not grow forever. */
import type { VenueId } from './types.ts';

export interface LogEntry {
  method: string;
  path: string;
  venue: VenueId | 'control' | 'unknown';
  status: number;
  /** Simulated time of receipt. */
  time: number;
  /** Wall-clock duration in ms, or null for a request that never got an answer. */
  durationMs: number | null;
  fault?: string;
  /** The request's body, its first `LOGGED_BODY_CHARS` (Hyperliquid names its reads and its orders' assets there). */
  body?: string;
}

/** Enough for any read or a single order; a batch's tail is cut. */
export const LOGGED_BODY_CHARS = 4_000;

export class RequestLog {
  private readonly entries: LogEntry[] = [];
  private readonly capacity: number;

  constructor(capacity = 20_000) {
    this.capacity = capacity;
  }

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Entries, oldest first, optionally only one venue's or those whose path starts with `path`. */
  list(filter: { venue?: string; path?: string; limit?: number } = {}): LogEntry[] {
    const matching = this.entries.filter((entry) =>
      (!filter.venue || entry.venue === filter.venue) && (!filter.path || entry.path.startsWith(filter.path)));
    return filter.limit ? matching.slice(-filter.limit) : matching;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
