/**
 * Scenario events at simulated times: set a rate, a price or an interval, take a venue down or
 * bring it up, drop its streams. Due events run in time order at every clock tick and before
 * every request; with a paused clock stepped past `at`, they take effect exactly at `at`.
 */
import type { VenueId } from './types.ts';
import { isVenueId } from '../../shared/domain/venues.ts';

const KINDS = ['rate', 'price', 'interval', 'down', 'up', 'disconnect'];

export type ScheduledAction =
  | { kind: 'rate'; venue: VenueId; id: string; rate: number | null }
  | { kind: 'price'; venue: VenueId; id: string; price: number }
  | { kind: 'interval'; venue: VenueId; id: string; hours: number }
  | { kind: 'down' | 'up' | 'disconnect'; venue: VenueId };

export interface ScheduledEvent {
  id: string;
  at: number;
  action: ScheduledAction;
}

export class Scheduler {
  private readonly pending: ScheduledEvent[] = [];
  private nextId = 1;

  add(at: number, action: ScheduledAction): ScheduledEvent {
    if (!Number.isFinite(at)) throw new Error(`simulator schedule: "at" must be a time in ms, got ${at}`);
    if (!KINDS.includes(String(action?.kind))) throw new Error(`simulator schedule: unknown action "${String(action?.kind)}" (one of ${KINDS.join(', ')})`);
    if (!isVenueId(String(action.venue))) throw new Error(`simulator schedule: unknown venue "${String(action.venue)}"`);
    const event = { id: `e${this.nextId++}`, at, action };
    this.pending.push(event);
    this.pending.sort((a, b) => a.at - b.at || Number(a.id.slice(1)) - Number(b.id.slice(1)));
    return event;
  }

  cancel(id: string): boolean {
    const index = this.pending.findIndex((event) => event.id === id);
    if (index >= 0) this.pending.splice(index, 1);
    return index >= 0;
  }

  /** Removes and returns the events due at `now`, oldest first. */
  due(now: number): ScheduledEvent[] {
    let count = 0;
    while (count < this.pending.length && this.pending[count].at <= now) count++;
    return this.pending.splice(0, count);
  }

  list(): ScheduledEvent[] {
    return this.pending.map((event) => ({ ...event }));
  }
}
