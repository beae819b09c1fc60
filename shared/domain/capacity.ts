/**
 * What the top rows' pairs can take at the trader's impact (docs/domain.md §4 "Capacity"), as
 * main reads it from the legs' order books and streams it to the monitor.
 */
import { z } from 'zod';
import { VenueIdSchema } from './quotes.ts';

/** One leg's book read: the notional its side takes before the average fill is `impactBps` from the mid. */
export const LegCapacitySchema = z.object({
  venue: VenueIdSchema,
  symbol: z.string(),
  /** USD; null when the book could not be read or has no mid (`error` says why). */
  notionalUsd: z.number().nonnegative().nullable(),
  /** The book as fetched ran out first: the leg takes at least `notionalUsd`. */
  atLeast: z.boolean(),
  /** When the book was read (the venues' clock); null when it was not. */
  bookAt: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type LegCapacity = z.infer<typeof LegCapacitySchema>;

/** A row's best pair: long leg bought on its asks, short leg sold on its bids; the smaller leg limits it. */
export const PairCapacitySchema = z.object({
  base: z.string(),
  long: LegCapacitySchema,
  short: LegCapacitySchema,
  /** The smaller leg's notional, USD; null while either leg has none. */
  notionalUsd: z.number().nonnegative().nullable(),
  atLeast: z.boolean(),
});
export type PairCapacity = z.infer<typeof PairCapacitySchema>;

/** One pass over the top rows' books. */
export const CapacitySnapshotSchema = z.object({
  impactBps: z.number().positive(),
  /** When the pass finished (the venues' clock). */
  computedAt: z.number().int(),
  /** The passes' cadence: a snapshot much older than this is out of date. */
  everyMs: z.number().positive(),
  pairs: z.array(PairCapacitySchema),
});
export type CapacitySnapshot = z.infer<typeof CapacitySnapshotSchema>;
