import type { CarryEstimate, Leg, Opportunity, VenuePair } from '../../shared/domain/signals.ts';
import type { SpreadDecay } from '../../shared/funding/decay.ts';
import { VENUE_IDS, type VenueId } from '../../shared/domain/venues.ts';
import type { Regime } from '../../shared/funding/regime.ts';
import type { AlignmentTag } from '../../shared/domain/sectors.ts';
import { OTHER_PAIRS, VENUE_INDEX } from './venuePairs.ts';
import { StringTableError, StringTableReader, StringTableWriter, type StringDelta } from './stringTable.ts';

/**
 * Monitor rows as columns for the trip back from the worker. Structured cloning 500 rows of six
 * legs builds ~4,000 objects field by field on both sides (≈ 13 ms a batch measured); these are
 * seven typed arrays that are transferred, the strings the receiver has not seen, and one
 * alignment reason per row. Numbers are stored row-major (`ROW_NUMBERS` per row, `LEG_NUMBERS`
 * per leg); null travels as NaN (no row or leg field may be NaN: the contract's numbers are finite).
 */
export interface RowColumns extends StringDelta {
  count: number;
  /** Per row: long venue, short venue, regime, triggered, alignment tag, decay source of the carry, then long and short venue of each other pair; NONE for null (or no such pair). */
  rowBytes: Uint8Array;
  /** Per row: base, sector, decay reason (string ids; NONE_ID for null). */
  rowIds: Uint32Array;
  rowNumbers: Float64Array;
  /** Row i's legs are `legStart[i]..legStart[i + 1]`. */
  legStart: Uint32Array;
  /**
   * Per leg: venue, predicted (1) or settled (0), stale (1), kept (1: the very leg the last row
   * sent for this base had at this position, so nothing else of it travels).
   */
  legBytes: Uint8Array;
  /** Per leg sent (the kept ones left out, in order): its symbol and numbers. */
  legSymbol: Uint32Array;
  legNumbers: Float64Array;
  /** Alignment reason per row ('' without alignment): free text, rarely repeated, so not interned. */
  reasons: string[];
}

const NONE = 255;
const NONE_ID = 0xffff_ffff;
const PAIRS_BYTES_AT = 6;
const ROW_BYTES = PAIRS_BYTES_AT + 2 * OTHER_PAIRS;
const ROW_IDS = 3;
const CARRY_AT = 13;
const CARRY_NUMBERS = 14;
/** Per-leg next settlements, OI, volume, basis and its z-score (see `writeRow`). */
const EXTRA_AT = CARRY_AT + CARRY_NUMBERS;
const PAIRS_AT = EXTRA_AT + 6;
const PAIR_NUMBERS = 7;
/** 12 figures of the row, the expected net per day, the carry estimate's 14 (see `writeCarry`), the extras, then each other pair's (see `writePair`). */
const ROW_NUMBERS = PAIRS_AT + PAIR_NUMBERS * OTHER_PAIRS;
const LEG_BYTES = 4;
const KEPT_AT = 3;
const LEG_NUMBERS = 10;
const DECAY_SOURCES: readonly SpreadDecay['source'][] = ['fit', 'default', 'constant'];
const REGIMES: readonly Regime[] = ['extreme-bull', 'mild-bull', 'neutral-bear', 'extreme-bear'];
const TAGS: readonly AlignmentTag[] = ['confirmed', 'contradicted', 'neutral'];

const orNaN = (value: number | null): number => value ?? Number.NaN;
/** The legs that took the default crossing as bits: 1 the long, 2 the short. */
const DEFAULT_SPREAD_BITS = { long: 1, short: 2 } as const;
const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
const indexOrNone = <T>(list: readonly T[], value: T | null): number => (value === null ? NONE : list.indexOf(value));

/** Writes the carry estimate's numbers in `ROW_NUMBERS` order from `CARRY_AT` on; all null without one. */
function writeCarry(numbers: Float64Array, at: number, carry: CarryEstimate | null): void {
  if (!carry) {
    numbers.fill(Number.NaN, at, at + CARRY_NUMBERS);
    return;
  }
  const { decay } = carry;
  numbers[at] = carry.holdingHours;
  numbers[at + 1] = carry.expectedFunding;
  numbers[at + 2] = carry.fees;
  numbers[at + 3] = carry.entryBasis;
  numbers[at + 4] = carry.net;
  numbers[at + 5] = decay.phi;
  numbers[at + 6] = decay.levelPer8h;
  numbers[at + 7] = orNaN(decay.halfLifeHours);
  numbers[at + 8] = decay.n;
  numbers[at + 9] = orNaN(decay.realisedPer8h.d1);
  numbers[at + 10] = orNaN(decay.realisedPer8h.d3);
  numbers[at + 11] = orNaN(decay.realisedPer8h.d7);
  numbers[at + 12] = carry.crossing;
  numbers[at + 13] = carry.defaultSpreadLegs.reduce((bits, leg) => bits | DEFAULT_SPREAD_BITS[leg], 0);
}

/** A pair's numbers from `at` on (its venues are in the row's bytes). */
function writePair(numbers: Float64Array, at: number, pair: VenuePair): void {
  numbers[at] = pair.spreadPer8h;
  numbers[at + 1] = pair.spreadApr;
  numbers[at + 2] = pair.roundTripFees;
  numbers[at + 3] = pair.netCarryPerDay;
  numbers[at + 4] = orNaN(pair.basis);
  numbers[at + 5] = orNaN(pair.longNextFundingTime);
  numbers[at + 6] = orNaN(pair.shortNextFundingTime);
}

export function rowTransferables(columns: RowColumns): ArrayBuffer[] {
  const { rowBytes, rowIds, rowNumbers, legStart, legBytes, legSymbol, legNumbers } = columns;
  return [rowBytes, rowIds, rowNumbers, legStart, legBytes, legSymbol, legNumbers].map((view) => view.buffer as ArrayBuffer);
}

/**
 * The worker's side. One encoder per receiver, like the quote codec. A leg is sent once: a row's
 * leg that is the very object the last row sent for its base had at the same position (a venue
 * poll rebuilds one leg of each asset listed there; a row whose rank moved keeps all of them) is
 * marked kept, and the decoder reuses the leg it built then. So a batch costs what changed in it,
 * not every leg of every row.
 */
export class RowEncoder {
  private readonly table = new StringTableWriter();
  /** The legs of the last row sent for each base, as the decoder holds them. */
  private readonly sent = new Map<string, readonly Leg[]>();
  /** Per leg of the batch being encoded: kept (1) or sent (0); reused between batches. */
  private kept = new Uint8Array(1_024);

  encode(rows: readonly Opportunity[]): RowColumns {
    const n = rows.length;
    let legs = 0;
    for (const row of rows) legs += row.legs.length;
    if (this.kept.length < legs) this.kept = new Uint8Array(Math.max(legs, 2 * this.kept.length));
    let fresh = 0;
    for (let i = 0, l = 0; i < n; i++) {
      const row = rows[i];
      const before = this.sent.get(row.base);
      for (let j = 0; j < row.legs.length; j++, l++) {
        const kept = before !== undefined && before[j] === row.legs[j];
        this.kept[l] = kept ? 1 : 0;
        if (!kept) fresh++;
      }
      this.sent.set(row.base, row.legs);
    }
    const delta = this.table.begin();
    const c: RowColumns = {
      ...delta, count: n, reasons: new Array<string>(n),
      rowBytes: new Uint8Array(n * ROW_BYTES), rowIds: new Uint32Array(n * ROW_IDS), rowNumbers: new Float64Array(n * ROW_NUMBERS),
      legStart: new Uint32Array(n + 1), legBytes: new Uint8Array(legs * LEG_BYTES), legSymbol: new Uint32Array(fresh), legNumbers: new Float64Array(fresh * LEG_NUMBERS),
    };
    let l = 0, k = 0;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      this.writeRow(c, i, row);
      for (const leg of row.legs) {
        if (this.kept[l] === 1) c.legBytes[l * LEG_BYTES + KEPT_AT] = 1;
        else this.writeLeg(c, l, k++, leg);
        l++;
      }
      c.legStart[i + 1] = l;
    }
    return c;
  }

  private writeRow(c: RowColumns, i: number, row: Opportunity): void {
    const b = i * ROW_BYTES;
    c.rowBytes[b] = indexOrNone(VENUE_IDS, row.longVenue);
    c.rowBytes[b + 1] = indexOrNone(VENUE_IDS, row.shortVenue);
    c.rowBytes[b + 2] = indexOrNone(REGIMES, row.regime);
    c.rowBytes[b + 3] = row.triggered ? 1 : 0;
    c.rowBytes[b + 4] = indexOrNone(TAGS, row.alignment?.tag ?? null);
    c.rowBytes[b + 5] = indexOrNone(DECAY_SOURCES, row.carry?.decay.source ?? null);
    c.rowIds[i * ROW_IDS] = this.table.intern(row.base);
    c.rowIds[i * ROW_IDS + 1] = row.alignment?.sector == null ? NONE_ID : this.table.intern(row.alignment.sector);
    c.rowIds[i * ROW_IDS + 2] = row.carry ? this.table.intern(row.carry.decay.reason) : NONE_ID;
    c.reasons[i] = row.alignment?.reason ?? '';
    // Written field by field: no array per row on the way out.
    const x = i * ROW_NUMBERS;
    const numbers = c.rowNumbers;
    const v = row.velocity;
    numbers[x] = orNaN(row.spreadPer8h);
    numbers[x + 1] = orNaN(row.spreadApr);
    numbers[x + 2] = orNaN(row.roundTripFees);
    numbers[x + 3] = orNaN(row.netCarryPerDay);
    numbers[x + 4] = orNaN(row.breakEvenHours);
    numbers[x + 5] = orNaN(row.meanPer8h);
    numbers[x + 6] = orNaN(v.h1);
    numbers[x + 7] = orNaN(v.h4);
    numbers[x + 8] = orNaN(v.h24);
    numbers[x + 9] = row.persistenceHours;
    numbers[x + 10] = orNaN(row.nextFundingTime);
    numbers[x + 11] = row.rank;
    numbers[x + 12] = orNaN(row.expectedNetPerDay ?? null);
    writeCarry(numbers, x + CARRY_AT, row.carry ?? null);
    numbers[x + EXTRA_AT] = orNaN(row.longNextFundingTime ?? null);
    numbers[x + EXTRA_AT + 1] = orNaN(row.shortNextFundingTime ?? null);
    numbers[x + EXTRA_AT + 2] = orNaN(row.openInterestUsd ?? null);
    numbers[x + EXTRA_AT + 3] = orNaN(row.volume24hUsd ?? null);
    numbers[x + EXTRA_AT + 4] = orNaN(row.basis ?? null);
    numbers[x + EXTRA_AT + 5] = orNaN(row.basisZ ?? null);
    const pairs = row.otherPairs ?? [];
    for (let p = 0; p < OTHER_PAIRS; p++) {
      const pair = pairs[p];
      c.rowBytes[b + PAIRS_BYTES_AT + 2 * p] = pair ? VENUE_INDEX.get(pair.longVenue)! : NONE;
      c.rowBytes[b + PAIRS_BYTES_AT + 2 * p + 1] = pair ? VENUE_INDEX.get(pair.shortVenue)! : NONE;
      if (pair) writePair(numbers, x + PAIRS_AT + PAIR_NUMBERS * p, pair);
      else numbers.fill(Number.NaN, x + PAIRS_AT + PAIR_NUMBERS * p, x + PAIRS_AT + PAIR_NUMBERS * (p + 1));
    }
  }

  /** Leg `l` of the batch, the `k`-th sent. */
  private writeLeg(c: RowColumns, l: number, k: number, leg: Leg): void {
    const b = l * LEG_BYTES;
    c.legBytes[b] = VENUE_INDEX.get(leg.venue)!;
    c.legBytes[b + 1] = leg.rateKind === 'predicted' ? 1 : 0;
    c.legBytes[b + 2] = leg.stale ? 1 : 0;
    c.legSymbol[k] = this.table.intern(leg.symbol);
    const x = k * LEG_NUMBERS;
    c.legNumbers[x] = leg.rate;
    c.legNumbers[x + 1] = leg.intervalHours;
    c.legNumbers[x + 2] = leg.ratePer8h;
    c.legNumbers[x + 3] = leg.apr;
    c.legNumbers[x + 4] = orNaN(leg.nextFundingTime);
    c.legNumbers[x + 5] = orNaN(leg.markPrice);
    c.legNumbers[x + 6] = leg.observedAt;
    c.legNumbers[x + 7] = leg.multiplier ?? Number.NaN;
    c.legNumbers[x + 8] = orNaN(leg.bid ?? null);
    c.legNumbers[x + 9] = orNaN(leg.ask ?? null);
  }
}

/** The main process's side: rows as the contract's objects again (a kept leg is the object decoded before). */
export class RowDecoder {
  private readonly table = new StringTableReader();
  /** The legs of the last row decoded for each base (see `RowEncoder`). */
  private readonly last = new Map<string, Leg[]>();

  decode(c: RowColumns): Opportunity[] {
    this.table.take(c, 'row columns');
    const rows = new Array<Opportunity>(c.count);
    let k = 0;
    for (let i = 0; i < c.count; i++) {
      const base = this.table.get(c.rowIds[i * ROW_IDS], i, 'row');
      const before = this.last.get(base);
      const legs = new Array<Leg>(c.legStart[i + 1] - c.legStart[i]);
      for (let l = c.legStart[i]; l < c.legStart[i + 1]; l++) {
        const j = l - c.legStart[i];
        if (c.legBytes[l * LEG_BYTES + KEPT_AT] === 0) legs[j] = this.leg(c, l, k++);
        else if (before?.[j] !== undefined) legs[j] = before[j];
        else throw new StringTableError(`row ${i} (${base}): leg ${j} is kept but no leg was decoded there before; the sender must use a new encoder for a new receiver`);
      }
      this.last.set(base, legs);
      rows[i] = this.row(c, i, base, legs);
    }
    return rows;
  }

  private row(c: RowColumns, i: number, base: string, legs: Leg[]): Opportunity {
    const b = i * ROW_BYTES;
    const x = i * ROW_NUMBERS;
    const num = (k: number) => orNull(c.rowNumbers[x + k]);
    const tag = c.rowBytes[b + 4];
    const sector = c.rowIds[i * ROW_IDS + 1];
    const source = c.rowBytes[b + 5];
    return {
      base, legs,
      longVenue: this.venueOrNull(c.rowBytes[b], i),
      shortVenue: this.venueOrNull(c.rowBytes[b + 1], i),
      spreadPer8h: num(0), spreadApr: num(1), roundTripFees: num(2), netCarryPerDay: num(3), breakEvenHours: num(4), meanPer8h: num(5),
      regime: c.rowBytes[b + 2] === NONE ? null : REGIMES[c.rowBytes[b + 2]],
      velocity: { h1: num(6), h4: num(7), h24: num(8) },
      persistenceHours: c.rowNumbers[x + 9],
      triggered: c.rowBytes[b + 3] === 1,
      nextFundingTime: num(10),
      alignment: tag === NONE ? null : { tag: TAGS[tag], sector: sector === NONE_ID ? null : this.table.get(sector, i, 'row'), reason: c.reasons[i] },
      rank: c.rowNumbers[x + 11],
      expectedNetPerDay: num(12),
      carry: source === NONE ? null : this.carry(num, DECAY_SOURCES[source], this.table.get(c.rowIds[i * ROW_IDS + 2], i, 'row')),
      longNextFundingTime: num(EXTRA_AT), shortNextFundingTime: num(EXTRA_AT + 1),
      openInterestUsd: num(EXTRA_AT + 2), volume24hUsd: num(EXTRA_AT + 3), basis: num(EXTRA_AT + 4), basisZ: num(EXTRA_AT + 5),
      otherPairs: this.pairs(c, i, num),
    };
  }

  private pairs(c: RowColumns, i: number, num: (k: number) => number | null): VenuePair[] {
    const pairs: VenuePair[] = [];
    for (let p = 0; p < OTHER_PAIRS; p++) {
      const long = c.rowBytes[i * ROW_BYTES + PAIRS_BYTES_AT + 2 * p];
      if (long === NONE) break;
      const at = (k: number) => num(PAIRS_AT + PAIR_NUMBERS * p + k);
      pairs.push({
        longVenue: this.venue(long, i), shortVenue: this.venue(c.rowBytes[i * ROW_BYTES + PAIRS_BYTES_AT + 2 * p + 1], i),
        spreadPer8h: at(0)!, spreadApr: at(1)!, roundTripFees: at(2)!, netCarryPerDay: at(3)!, basis: at(4), longNextFundingTime: at(5), shortNextFundingTime: at(6),
      });
    }
    return pairs;
  }

  private carry(num: (k: number) => number | null, source: SpreadDecay['source'], reason: string): CarryEstimate {
    const at = (k: number) => num(CARRY_AT + k);
    return {
      holdingHours: at(0)!, expectedFunding: at(1)!, fees: at(2)!, crossing: at(12)!, entryBasis: at(3)!, net: at(4)!,
      defaultSpreadLegs: (['long', 'short'] as const).filter((leg) => (at(13)! & DEFAULT_SPREAD_BITS[leg]) !== 0),
      decay: { phi: at(5)!, levelPer8h: at(6)!, halfLifeHours: at(7), n: at(8)!, source, reason, realisedPer8h: { d1: at(9), d3: at(10), d7: at(11) } },
    };
  }

  /** Leg `l` of the batch, the `k`-th sent. */
  private leg(c: RowColumns, l: number, k: number): Leg {
    const b = l * LEG_BYTES;
    const x = k * LEG_NUMBERS;
    return {
      venue: this.venue(c.legBytes[b], l),
      symbol: this.table.get(c.legSymbol[k], l, 'leg'),
      rate: c.legNumbers[x],
      rateKind: c.legBytes[b + 1] === 1 ? 'predicted' : 'settled',
      intervalHours: c.legNumbers[x + 1],
      ratePer8h: c.legNumbers[x + 2],
      apr: c.legNumbers[x + 3],
      nextFundingTime: orNull(c.legNumbers[x + 4]),
      markPrice: orNull(c.legNumbers[x + 5]),
      stale: c.legBytes[b + 2] === 1,
      observedAt: c.legNumbers[x + 6],
      multiplier: orNull(c.legNumbers[x + 7]) ?? undefined,
      bid: orNull(c.legNumbers[x + 8]),
      ask: orNull(c.legNumbers[x + 9]),
    };
  }

  private venueOrNull(index: number, row: number): VenueId | null {
    return index === NONE ? null : this.venue(index, row);
  }

  private venue(index: number, row: number): VenueId {
    const venue = VENUE_IDS[index];
    if (venue === undefined) throw new StringTableError(`row ${row}: unknown venue index ${index}`);
    return venue;
  }
}
