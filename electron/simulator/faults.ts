/**
 * Faults a test (or the control API) injects per venue and endpoint: an HTTP status with the
 * venue's own body, a hang, a delay, a garbage or truncated body, an empty list, a reset
 * connection, a thin order book (`thin`: the book holds only so many dollars a side, what a
 * paper broker filling against the venue's book sees when the book is thinner than its order),
 * an order rejection, a partial fill, an order answered before it is matched (`ack`), or a
 * whole venue going down. Each applies a number of times
 * or until cleared.
 */
import type { RejectionReason, VenueId } from './types.ts';
import { isVenueId } from '../../shared/domain/venues.ts';

export type FaultKind = 'status' | 'hang' | 'delay' | 'garbage' | 'truncated' | 'empty' | 'thin' | 'reset' | 'reject' | 'partial' | 'ack';

export interface FaultSpec {
  venue: VenueId;
  kind: FaultKind;
  /** Path prefix the fault applies to (`/fapi/v1/premiumIndex`); all of the venue's paths when absent. */
  path?: string;
  /** HTTP method it applies to; any when absent. */
  method?: string;
  /** Text the request body must contain (`"dex":"xyz"`: one of Hyperliquid's `POST /info` reads); any body when absent. */
  bodyIncludes?: string;
  /** For `status`: the HTTP status (429, 418, 500, 503 …). */
  status?: number;
  /** For `delay`: milliseconds before the normal answer. */
  delayMs?: number;
  /** For `reject`: why the venue refuses the order. */
  reason?: RejectionReason;
  /** For `thin`: the USD value each side of the book answer holds, best levels first. */
  usd?: number;
  /** For `partial`: the share of the next orders' quantity that fills (0 < fraction < 1). */
  fraction?: number;
  /** How many matching requests it affects; until cleared when absent. */
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  /** Requests it has affected so far. */
  hits: number;
}

const KINDS: readonly FaultKind[] = ['status', 'hang', 'delay', 'garbage', 'truncated', 'empty', 'thin', 'reset', 'reject', 'partial', 'ack'];
const ORDER_KINDS: readonly FaultKind[] = ['reject', 'partial', 'ack'];
/** Faults armed on a path and used up by what the request reads (a book), not by the request itself. */
const ARMED_KINDS: readonly FaultKind[] = [...ORDER_KINDS, 'thin'];

export class Faults {
  private readonly active: Fault[] = [];
  private readonly down = new Set<VenueId>();
  private nextId = 1;

  inject(spec: FaultSpec): Fault {
    if (!isVenueId(String(spec.venue))) throw new Error(`simulator faults: unknown venue "${String(spec.venue)}"`);
    if (!KINDS.includes(spec.kind)) throw new Error(`simulator faults: unknown kind "${String(spec.kind)}" (one of ${KINDS.join(', ')})`);
    if (spec.kind === 'status' && !(Number(spec.status) >= 400)) throw new Error(`simulator faults: a status fault needs an HTTP status >= 400, got ${spec.status}`);
    if (spec.kind === 'reject' && !spec.reason) throw new Error('simulator faults: a reject fault needs a reason');
    if (spec.kind === 'partial' && !(Number(spec.fraction) > 0 && Number(spec.fraction) < 1)) throw new Error(`simulator faults: a partial fault needs 0 < fraction < 1, got ${spec.fraction}`);
    if (spec.kind === 'thin' && !(Number(spec.usd) > 0)) throw new Error(`simulator faults: a thin fault needs usd > 0, got ${spec.usd}`);
    const fault: Fault = { ...spec, id: `f${this.nextId++}`, hits: 0 };
    this.active.push(fault);
    return fault;
  }

  /** Removes one fault by id, or every fault (and every down venue) when no id is given. */
  clear(id?: string): void {
    if (id === undefined) {
      this.active.length = 0;
      this.down.clear();
      return;
    }
    const index = this.active.findIndex((fault) => fault.id === id);
    if (index >= 0) this.active.splice(index, 1);
  }

  /** A down venue refuses every request (the connection is reset) until brought up. */
  setDown(venue: VenueId, isDown: boolean): void {
    if (isDown) this.down.add(venue);
    else this.down.delete(venue);
  }

  isDown(venue: VenueId): boolean {
    return this.down.has(venue);
  }

  list(): Fault[] {
    return this.active.map((fault) => ({ ...fault }));
  }

  /** The first transport fault matching the request, consumed once; order and book faults are taken by `takeArmed`. */
  take(venue: VenueId, method: string, path: string, body?: string): Fault | undefined {
    return this.consume((fault) => !ARMED_KINDS.includes(fault.kind) && this.matches(fault, venue, method, path, body));
  }

  /** An order fault (`reject`, `partial` or `ack`) armed for this venue and path, not yet consumed. */
  peekOrderFault(venue: VenueId, method: string, path: string): Fault | undefined {
    return this.active.find((fault) => ORDER_KINDS.includes(fault.kind) && this.matches(fault, venue, method, path));
  }

  /** A `thin` book fault armed for this venue and path, not yet consumed. */
  peekBookFault(venue: VenueId, method: string, path: string): Fault | undefined {
    return this.active.find((fault) => fault.kind === 'thin' && this.matches(fault, venue, method, path));
  }

  /** Consumes an armed fault once it applies: an order actually placed, a book actually read. */
  takeArmed(id: string): Fault | undefined {
    return this.consume((fault) => fault.id === id);
  }

  private matches(fault: Fault, venue: VenueId, method: string, path: string, body?: string): boolean {
    if (fault.venue !== venue) return false;
    if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
    if (fault.bodyIncludes !== undefined && !(body ?? '').includes(fault.bodyIncludes)) return false;
    return !fault.path || path.startsWith(fault.path);
  }

  private consume(predicate: (fault: Fault) => boolean): Fault | undefined {
    const index = this.active.findIndex(predicate);
    if (index < 0) return undefined;
    const fault = this.active[index];
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.active.splice(index, 1);
    return { ...fault };
  }
}

/**
 * Empties the first lists of a response body (the "empty list" fault): every list of the first
 * object that holds one, so that an order book answers with both sides empty, not only its
 * first (a half-empty book is not an empty answer).
 */
export function emptyLists(body: unknown): unknown {
  if (Array.isArray(body)) return [];
  if (body === null || typeof body !== 'object') return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const lists = Object.keys(copy).filter((key) => Array.isArray(copy[key]));
  if (lists.length) {
    for (const key of lists) copy[key] = [];
    return copy;
  }
  for (const [key, value] of Object.entries(copy)) {
    if (value && typeof value === 'object') {
      const emptied = emptyLists(value);
      if (emptied !== value) {
        copy[key] = emptied;
        return copy;
      }
    }
  }
  return body;
}
