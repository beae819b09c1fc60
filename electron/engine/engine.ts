import type { FundingQuote } from '../../shared/domain/quotes.ts';
import type { EngineSettings } from '../../shared/domain/settings.ts';
import type { Alert, MarketSummary, Opportunity, SignalsBatch } from '../../shared/domain/signals.ts';
import type { VenueId } from '../../shared/domain/venues.ts';
import { AlertTracker } from './alerts.ts';
import { computeAssetRow, type RowContext } from './assetRow.ts';
import { takerFeesFor, type TakerFees } from './carryCosts.ts';
import { AssetGroup, type QuoteEntry } from './assetGroup.ts';
import { DeadlineQueue } from './deadlineQueue.ts';
import { RankedOrder } from './rankedOrder.ts';
import { sameRankKey } from './ranking.ts';
import { minuteOf, RateHistory } from './rateHistory.ts';
import { replaySamples } from './historySeed.ts';
import type { SampleSeedColumns } from '../../shared/history/sampleSeedColumns.ts';
import { sameShownRow } from './rowEquality.ts';
import { SectorTracker } from './sectorTracker.ts';
import type { SectorSnapshot } from './sectors.ts';
import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import type { DecayTable } from './pairDecay.ts';

/** Cumulative counts of an engine's work, see `SignalEngine.counts`. */
export interface EngineCounts {
  /** Asset rows computed from their legs (a full recompute computes every one). */
  assetsRecomputed: number;
  /** Row carries computed, not reused from the asset's memo (`rowCarry.ts`). */
  carriesComputed: number;
  /** Rows whose rank changed (new rows included; every row on a full recompute), see `RankedOrder.commit`. */
  rowsReranked: number;
}

export interface EngineOutput {
  batch: SignalsBatch;
  alerts: Alert[];
  /** The sector snapshot when this call changed it (in anything but its time), else null. */
  sectors: SectorSnapshot | null;
}

/**
 * The signal engine's state and its transitions. Time is always an argument; nothing here
 * reads a clock or does I/O, so the worker, the CLI and the tests run the same code.
 *
 * Incremental rule: `apply` recomputes only the bases whose quotes changed (a re-observation
 * saying the same is not a change) or whose legs turned fresh or stale since the last call. Velocity and persistence are sampled per minute, so
 * the first call in a new minute recomputes every base (a `full` batch); within a minute a
 * row nobody touched equals what a full recompute would give.
 */
export class SignalEngine {
  private settings: EngineSettings;
  private fees: TakerFees;
  /** Latest quote per venue, then symbol (two levels: no key strings built per quote). */
  private readonly entries = new Map<VenueId, Map<string, QuoteEntry>>();
  private readonly groups = new Map<string, AssetGroup>();
  private readonly rows = new Map<string, Opportunity>();
  private readonly tracker = new AlertTracker();
  private readonly order = new RankedOrder();
  /** Bases whose row is triggered: the summary's count and the settlement-window alerts read only these. */
  private readonly triggered = new Set<string>();
  /** When each group's next fresh leg turns stale, so a call finds the due ones without a scan. */
  private readonly deadlines = new DeadlineQueue<AssetGroup>();
  /** Quotes taken in, legs gathered, carries computed and rows visited: grows with what changed, not with all there is (tested). */
  private counted = 0;
  /** Asset rows computed and carries computed (not reused) so far; see `counts`. */
  private recomputed = 0;
  /** Entries the due deadlines visited (`AssetGroup.staleFlips`), added to `counted`. */
  private readonly visits = { visited: 0 };
  private carries = 0;
  private minute = Number.NaN;
  private summary: MarketSummary | null = null;
  private readonly sectors = new SectorTracker();
  /** Minute of the last sector refresh; the map and seeded prices force one by clearing it. */
  private sectorMinute = Number.NaN;
  /** Assets the last sector refresh saw: a new one (start-up, a listing) refreshes at once. */
  private sectorAssets = 0;
  /** Rate histories a seed rebuilt for assets with no live quote yet; a new group takes its own. */
  private readonly seededHistories = new Map<string, RateHistory>();
  /** Fitted spread decays per venue pair, from the stored settlements (null until sent). */
  private decays: DecayTable | null = null;

  constructor(settings: EngineSettings) {
    this.settings = settings;
    this.fees = takerFeesFor(settings);
  }

  /** Takes in new quotes (older than the stored one for the same venue and symbol are ignored). */
  apply(quotes: readonly FundingQuote[], now: number): EngineOutput {
    const alerts: Alert[] = [];
    const touched = new Set<string>();
    for (const quote of quotes) this.ingest(quote, touched, now);
    this.counted += quotes.length;
    this.deadlines.due(now, (group) => group.deadline, (group) => {
      // A leg re-observed since moved the group's deadline on without a recompute: only a flip recomputes.
      if (group.staleFlips(now, this.visits)) touched.add(group.base);
      else if (Number.isFinite(group.deadline)) this.queueDeadline(group);
    });
    this.counted += this.visits.visited;
    this.visits.visited = 0;
    if (minuteOf(now) !== this.minute || this.sectorsBehind()) return this.recomputeAll(now, alerts);
    return this.recompute(touched, false, now, alerts);
  }

  /** New settings change fees, thresholds and triggers everywhere: a full recompute. A venue switched off leaves every row. */
  setSettings(settings: EngineSettings, now: number): EngineOutput {
    this.settings = settings;
    this.fees = takerFeesFor(settings);
    for (const venue of settings.venuesOff) this.dropVenue(venue);
    return this.recomputeAll(now, []);
  }

  private dropVenue(venue: VenueId): void {
    for (const entry of this.entries.get(venue)?.values() ?? []) {
      const group = this.groups.get(entry.quote.base);
      group?.remove(entry);
      if (group?.size === 0) this.groups.delete(entry.quote.base);
    }
    this.entries.delete(venue);
  }

  /** New decay fits (the backend refits from the store): every row's expected edge is recomputed. */
  setDecays(decays: DecayTable, now: number): EngineOutput {
    this.decays = decays;
    return this.recomputeAll(now, []);
  }

  /** The effective sector map (default taxonomy plus user overrides): every row is re-aligned. */
  setSectorMap(map: SectorMap, now: number): EngineOutput {
    this.sectors.setMap(map);
    this.sectorMinute = Number.NaN;
    return this.recomputeAll(now, []);
  }

  /** Seeded 4-h closes (see `SectorTracker.seedPrices`); the sector state is recomputed with them. */
  seedPrices(bases: readonly string[], offsets: Int32Array, times: Float64Array, closes: Float64Array, now: number): EngineOutput {
    this.sectors.seedPrices(bases, offsets, times, closes);
    this.sectorMinute = Number.NaN;
    return this.recomputeAll(now, []);
  }

  /**
   * Stored quote samples (see `replaySamples`): rebuilds each asset's rate history and sector
   * series from before the start, so velocity, persistence and sector changes are known at once.
   * History only: current legs come from live quotes alone, so an old sample never makes a leg
   * fresh. Meant to come before the first quotes; where live samples exist, they win.
   */
  seedSamples(columns: SampleSeedColumns, now: number): EngineOutput {
    const rebuilt = new Map<string, RateHistory>();
    replaySamples(columns, (base, minute, sample) => {
      let history = rebuilt.get(base);
      if (!history) rebuilt.set(base, (history = new RateHistory()));
      history.record(minute, sample.fundingPer8h);
      this.sectors.record(base, minute * 60_000, sample);
    });
    for (const [base, history] of rebuilt) {
      const group = this.groups.get(base);
      if (group) group.history.seedFrom(history);
      else this.seededHistories.set(base, history);
    }
    this.sectorMinute = Number.NaN;
    return this.recomputeAll(now, []);
  }

  /** The latest sector snapshot; null until a sector map has been given. */
  sectorSnapshot(): SectorSnapshot | null {
    return this.sectors.snapshot;
  }

  recomputeAll(now: number, alerts: Alert[] = []): EngineOutput {
    const bases = new Set<string>(this.groups.keys());
    for (const base of this.rows.keys()) bases.add(base);
    return this.recompute(bases, true, now, alerts);
  }

  /** The current state as a full batch, without recomputing. */
  snapshot(): SignalsBatch {
    return { full: true, upserts: [...this.order.all()], removed: [], summary: this.summary ?? emptySummary(0) };
  }

  /** Units of work done so far (see `counted`); for complexity tests, not for timing. */
  get work(): number {
    return this.counted + this.order.work;
  }

  /** What the updates so far did, counted (cumulative; for complexity tests and the bench, never timed). */
  get counts(): EngineCounts {
    return { assetsRecomputed: this.recomputed, carriesComputed: this.carries, rowsReranked: this.order.reranked };
  }

  /** Interval changes are announced by the market data service, which sees them first. */
  private ingest(quote: FundingQuote, touched: Set<string>, now: number): void {
    // A poll answered just before its venue was switched off must not bring it back.
    if (this.settings.venuesOff.includes(quote.venue)) return;
    let venueEntries = this.entries.get(quote.venue);
    if (!venueEntries) this.entries.set(quote.venue, (venueEntries = new Map()));
    const entry = venueEntries.get(quote.symbol);
    if (entry && quote.observedAt < entry.quote.observedAt) return;
    if (entry && entry.quote.base === quote.base) {
      // Observed again saying the same: not a changed quote, the asset is not recomputed.
      if (AssetGroup.update(entry, quote, now)) touched.add(quote.base);
      return;
    }
    touched.add(quote.base);
    if (entry) {
      // The venue renamed the symbol's asset: it leaves its old group.
      const oldGroup = this.groups.get(entry.quote.base)!;
      oldGroup.remove(entry);
      if (oldGroup.size === 0) this.groups.delete(entry.quote.base);
      touched.add(entry.quote.base);
    }
    let group = this.groups.get(quote.base);
    if (!group) {
      this.groups.set(quote.base, (group = new AssetGroup(quote.base, this.seededHistories.get(quote.base))));
      this.seededHistories.delete(quote.base);
    }
    venueEntries.set(quote.symbol, group.add(quote, now));
  }

  private recompute(bases: ReadonlySet<string>, full: boolean, now: number, alerts: Alert[]): EngineOutput {
    const ctx: RowContext = { settings: this.settings, fees: this.fees, now, decays: this.decays };
    const sectors = full ? this.refreshSectors(now) : null;
    const changed = new Set<string>();
    const gone = new Set<string>();
    /** Recomputed rows (`moved`) with what they replace (`replaced`, undefined: new), applied to the order below. */
    const moved: Opportunity[] = [];
    const replaced: Array<Opportunity | undefined> = [];
    const removals: Opportunity[] = [];
    for (const base of bases) {
      const previous = this.rows.get(base);
      const row = this.recomputeBase(base, ctx);
      if (row === null) {
        if (previous) {
          this.setRow(base, undefined);
          removals.push(previous);
          gone.add(base);
        }
        continue;
      }
      if (previous && sameShownRow(previous, row)) continue;
      this.tracker.rowAlerts(previous, row, this.settings, now, alerts);
      this.setRow(base, row);
      moved.push(row);
      replaced.push(previous);
      changed.add(base);
    }
    this.reorder(moved, replaced, removals, full);
    const upserts = this.order.commit(changed, full);
    for (const row of upserts) this.rows.set(row.base, row);
    this.minute = minuteOf(now);
    const summary = this.summarise(now, alerts);
    // One alert per triggered row can be many: appended one by one, never as spread arguments.
    for (const alert of this.tracker.windowAlerts(this.triggeredRows(), this.settings, now)) alerts.push(alert);
    return { batch: { full, upserts, removed: full ? [] : [...gone], summary }, alerts, sectors };
  }

  /**
   * Samples every asset and recomputes the sector snapshot, once per minute and when assets
   * were added (otherwise the overlay stays empty for up to a minute after start-up); always
   * in a full recompute, so every row is aligned against the same snapshot.
   */
  private refreshSectors(now: number): SectorSnapshot | null {
    if (!this.sectors.hasMap || (minuteOf(now) === this.sectorMinute && !this.sectorsBehind())) return null;
    this.sectorMinute = minuteOf(now);
    this.sectorAssets = this.groups.size;
    for (const [base, group] of this.groups) this.sectors.record(base, now, group.sectorSample(now));
    return this.sectors.refresh(now) ? this.sectors.snapshot : null;
  }

  private sectorsBehind(): boolean {
    return this.sectors.hasMap && this.groups.size > this.sectorAssets;
  }

  /** Null when the asset has no quote with a rate left: its row leaves the monitor. */
  private recomputeBase(base: string, ctx: RowContext): Opportunity | null {
    const group = this.groups.get(base);
    if (!group) return null;
    const before = group.deadline;
    const legs = group.legsAt(ctx.now);
    this.counted += legs.length + 1;
    if (group.deadline !== before && Number.isFinite(group.deadline)) this.queueDeadline(group);
    if (legs.length === 0) return null;
    const carries = group.carry.computed;
    const row = computeAssetRow(group, legs, ctx);
    this.recomputed++;
    this.carries += group.carry.computed - carries;
    this.counted += group.carry.computed - carries;
    row.alignment = this.sectors.align(row);
    return row;
  }

  /**
   * Stale entries stay in the queue until due; past a few per group it is rebuilt from the
   * groups' current deadlines, which bounds it at O(groups) (amortised O(1) per push).
   */
  private queueDeadline(group: AssetGroup): void {
    this.deadlines.push(group.deadline, group);
    if (this.deadlines.size <= 4 * this.groups.size + 1_024) return;
    this.deadlines.clear();
    for (const each of this.groups.values()) if (Number.isFinite(each.deadline)) this.deadlines.push(each.deadline, each);
    this.counted += this.groups.size;
  }

  /** The row map and the triggered set change together. */
  private setRow(base: string, row: Opportunity | undefined): void {
    if (row) this.rows.set(base, row);
    else this.rows.delete(base);
    if (row?.triggered) this.triggered.add(base);
    else this.triggered.delete(base);
  }

  /**
   * A recomputed row whose ranking key did not change takes its predecessor's place (most rows
   * of a venue poll: the polled venue is not in their best pair). Of the others, few: each leaves
   * its place and is inserted at its new one. Many (or a full recompute): one pass of a
   * nearly-sorted sort over the previous order, cheaper past a quarter.
   */
  private reorder(moved: readonly Opportunity[], replaced: ReadonlyArray<Opportunity | undefined>, removals: readonly Opportunity[], full: boolean): void {
    if (full) {
      const rows: Opportunity[] = [];
      for (const row of this.order.all()) {
        const current = this.rows.get(row.base);
        if (current) rows.push(current);
      }
      for (let i = 0; i < moved.length; i++) if (!replaced[i]) rows.push(moved[i]);
      this.order.resort(rows);
      return;
    }
    const from: Opportunity[] = [];
    const to: Opportunity[] = [];
    const added: Opportunity[] = [];
    // Kept in place first: until something moves, every row's rank is its position.
    for (let i = 0; i < moved.length; i++) {
      const previous = replaced[i];
      if (!previous) {
        added.push(moved[i]);
        continue;
      }
      // Its rank so far: `commit` counts it re-ranked only if it lands elsewhere.
      moved[i].rank = previous.rank;
      if (!sameRankKey(previous, moved[i]) || !this.order.keep(previous, moved[i])) {
        from.push(previous);
        to.push(moved[i]);
      }
    }
    if ((from.length + added.length + removals.length) * 4 > this.rows.size) {
      this.order.rebuild(from, to, removals, added);
      return;
    }
    for (const row of removals) this.order.remove(row);
    for (let i = 0; i < from.length; i++) this.order.replace(from[i], to[i]);
    for (const row of added) this.order.insert(row);
  }

  private *triggeredRows(): Iterable<Opportunity> {
    for (const base of this.triggered) yield this.rows.get(base)!;
  }

  private summarise(now: number, alerts: Alert[]): MarketSummary {
    const btc = this.rows.get('BTC')?.meanPer8h ?? null;
    const eth = this.rows.get('ETH')?.meanPer8h ?? null;
    const divergence = btc !== null && eth !== null ? btc - eth : null;
    const diverging = divergence !== null && Math.abs(divergence) > this.settings.divergencePer8h;
    const wasKnown = this.summary !== null && this.summary.btcEthDivergencePer8h !== null;
    alerts.push(...this.tracker.divergenceAlert(wasKnown, divergence, diverging, this.settings, now));
    this.summary = { ...emptySummary(now), btcEthDivergencePer8h: divergence, btcEthDiverging: diverging, assets: this.rows.size, triggered: this.triggered.size };
    return this.summary;
  }
}

function emptySummary(now: number): MarketSummary {
  return { btcEthDivergencePer8h: null, btcEthDiverging: false, assets: 0, triggered: 0, computedAt: now, computeMs: 0 };
}
