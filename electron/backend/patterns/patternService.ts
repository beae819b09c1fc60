import { Worker } from 'node:worker_threads';
import type { HistoryAnalytics, PatternStudy, PatternStudyInput } from '../../../shared/domain/patterns.ts';
import { fundingColumnsOf, type FundingColumns, type PriceColumns } from '../../../shared/history/historyColumns.ts';
import { canonicalBase, type SectorMap } from '../../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';
import type { FromStudyWorker, StudyJob, StudyJobResult } from '../../engine/studyJob.ts';
import type { HistoryRepo } from '../store/history.ts';
import type { SectorMapRepo } from '../store/sectorMapStore.ts';
import { setBounded } from './boundedMap.ts';

/** A study or analytics run failed; the message says which job and why. */
export class PatternStudyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PatternStudyError';
  }
}

export interface PatternServiceOptions {
  history: HistoryRepo;
  /** The effective sector map (the user's when one is stored); the default taxonomy otherwise. */
  sectorMap?: () => SectorMap | Promise<SectorMap>;
  /** A venue's funding cap for a symbol (decimal per interval), where the venue publishes one. */
  capOf?: (venue: string, symbol: string) => number | null;
  /** The built worker (Electron bundle); the TypeScript source otherwise. */
  workerUrl?: URL;
  now?: () => number;
  /** Results kept, keyed by parameters and data version; the oldest is dropped first. */
  cacheSize?: number;
  /** How long the study's columns of the latest data version stay in memory after a study (default 10 minutes). */
  columnsKeepMs?: number;
}

export interface PatternService {
  study(input: PatternStudyInput): Promise<PatternStudy>;
  /** History analytics of a base (electron/engine/README.md, `analytics.ts`); peers default to BTC, ETH and the base's sector mates with history. */
  analytics(base: string, peers?: string[]): Promise<HistoryAnalytics>;
  /** Worker runs started so far (a cached or shared result starts none). */
  runs(): number;
  /** Terminates running workers (their callers get a PatternStudyError). */
  stop(): Promise<void>;
}

const DEFAULT_WORKER_URL = new URL('../../engine/studyWorker.ts', import.meta.url);
const DEFAULT_PEERS = ['BTC', 'ETH'];
const DEFAULT_COLUMNS_KEEP_MS = 10 * 60_000;
const MAX_PEERS = 12;

/**
 * The pattern study as a service: loads the history from the store, runs the study in a
 * one-shot worker thread and caches the result per parameter set + data version (the store's
 * fingerprint and the sector map), so the same question over the same data is answered once.
 * Concurrent identical requests share one run. The worker is started before the store is read,
 * so it loads its code while DuckDB scans. The study's columns of the latest data version are
 * kept in shared memory for `columnsKeepMs`: another parameter set over the same data skips the
 * store read, and every worker reads the same memory (docs/architecture.md, "The pattern study").
 */
export function createPatternService(options: PatternServiceOptions): PatternService {
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? 16;
  const cache = new Map<string, Promise<StudyJobResult>>();
  const workers = new Set<Worker>();
  /**
   * Parameter sets asked for, per data version: shown beside every study (multiple comparisons).
   * Versions only move forward, so the oldest are dropped past the cache's bound; the sets within
   * one version grow only with the trader's own requests.
   */
  const tried = new Map<string, Set<string>>();
  const columns = studyColumnsCache(options.history, options.columnsKeepMs ?? DEFAULT_COLUMNS_KEEP_MS);
  let runs = 0;

  async function cached(key: string, job: () => Promise<StudyJob>): Promise<StudyJobResult> {
    const hit = cache.get(key);
    if (hit) return hit;
    runs++;
    const result = runInWorker(job(), options.workerUrl ?? DEFAULT_WORKER_URL, workers);
    setBounded(cache, key, result, cacheSize);
    result.catch(() => cache.delete(key));
    return result;
  }

  const sectorMap = async () => (options.sectorMap ? options.sectorMap() : DEFAULT_SECTOR_MAP);

  return {
    async study(input) {
      const [fingerprint, map] = await Promise.all([options.history.fingerprint(), sectorMap()]);
      const version = JSON.stringify(fingerprint);
      const dataKey = `${version}|${mapDigest(map)}`;
      const key = `study|${JSON.stringify(input)}|${dataKey}`;
      const sets = tried.get(dataKey) ?? new Set<string>();
      setBounded(tried, dataKey, sets.add(JSON.stringify(input)), cacheSize);
      const result = await cached(key, async () => {
        const { funding, prices } = await columns.of(version);
        return { kind: 'study', input, funding, prices, sectorMap: [...map], computedAt: now() };
      });
      if (result.kind !== 'study') throw new PatternStudyError('study worker answered a study with analytics');
      return { ...result.study, parameterSetsTried: sets.size };
    },
    async analytics(base, peers) {
      const [fingerprint, map] = await Promise.all([options.history.fingerprint(), sectorMap()]);
      const assets = [canonicalBase(base), ...(peers?.map(canonicalBase) ?? (await defaultPeers(options.history, base, map)))];
      const unique = [...new Set(assets)];
      const key = `analytics|${unique.join(',')}|${JSON.stringify(fingerprint)}`;
      const result = await cached(key, async () => {
        const funding = (await Promise.all(unique.map((asset) => options.history.funding({ base: asset })))).flat();
        const caps = capsOf(funding, options.capOf);
        return { kind: 'analytics', base: unique[0], funding: fundingColumnsOf(funding), caps, computedAt: now() };
      });
      if (result.kind !== 'analytics') throw new PatternStudyError('study worker answered analytics with a study');
      return result.analytics;
    },
    runs: () => runs,
    async stop() {
      columns.release();
      await Promise.all([...workers].map((worker) => worker.terminate()));
    },
  };
}

/** The map the study uses: the default taxonomy with the user's overrides (`sector_map`) on top, as the engine does. */
export function effectiveSectorMap(repo: SectorMapRepo): () => Promise<SectorMap> {
  return async () => new Map([...DEFAULT_SECTOR_MAP, ...(await repo.overrides())]);
}

/** BTC, ETH and the base's sector mates with the most stored settlements, up to MAX_PEERS. */
async function defaultPeers(history: HistoryRepo, base: string, map: SectorMap): Promise<string[]> {
  const sector = map.get(canonicalBase(base));
  const stored = await history.bases();
  const mates = stored.filter((b) => sector !== undefined && map.get(b.base) === sector).map((b) => b.base);
  const present = new Set(stored.map((b) => b.base));
  return [...DEFAULT_PEERS.filter((peer) => present.has(peer)), ...mates].slice(0, MAX_PEERS);
}

function capsOf(funding: ReadonlyArray<{ venue: string; symbol: string }>, capOf: PatternServiceOptions['capOf']): [string, number][] {
  if (!capOf) return [];
  const caps = new Map<string, number>();
  for (const p of funding) {
    const key = `${p.venue}|${p.symbol}`;
    if (caps.has(key)) continue;
    const cap = capOf(p.venue, p.symbol);
    if (cap !== null) caps.set(key, cap);
  }
  return [...caps];
}

function mapDigest(map: SectorMap): string {
  return [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([base, sector]) => `${base}=${sector}`).join(';');
}

/** The study's columns of one data version. */
interface StudyColumns { funding: FundingColumns; prices: PriceColumns }

/**
 * The latest data version's columns, read once and copied into shared memory (a SharedArrayBuffer
 * per column): a worker given them reads that memory in place, so nothing is copied or moved per
 * study and the main thread keeps them for the next one. Released `keepMs` after the last study
 * asked for them (an unref'd timer: it never keeps the process up), or when the version moves on.
 */
function studyColumnsCache(history: HistoryRepo, keepMs: number) {
  let latest: { version: string; columns: Promise<StudyColumns> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const release = () => {
    latest = null;
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    of(version: string): Promise<StudyColumns> {
      if (latest?.version !== version) {
        const read = Promise.all([history.fundingColumns(), history.priceColumns()])
          .then(([funding, prices]) => ({ funding: inSharedMemory(funding), prices: inSharedMemory(prices) }));
        const entry = { version, columns: read };
        latest = entry;
        read.catch(() => { if (latest === entry) release(); });
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(release, keepMs);
      timer.unref?.();
      return latest.columns;
    },
    release,
  };
}

/** The same columns with every typed array copied into a SharedArrayBuffer of its own. */
function inSharedMemory<C extends FundingColumns | PriceColumns>(columns: C): C {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(columns)) {
    if (value instanceof Float64Array) copy[name] = sharedCopy(value, (buffer) => new Float64Array(buffer));
    else if (value instanceof Int32Array) copy[name] = sharedCopy(value, (buffer) => new Int32Array(buffer));
    else copy[name] = value;
  }
  return copy as C;
}

function sharedCopy<A extends Float64Array | Int32Array>(array: A, view: (buffer: SharedArrayBuffer) => A): A {
  const shared = view(new SharedArrayBuffer(array.byteLength));
  shared.set(array);
  return shared;
}

/**
 * Runs one job in a one-shot worker, started at once; the job (or the promise of it, e.g. a store
 * read still running) is posted when it is ready. Typed arrays over ArrayBuffers are moved (not
 * copied), so the caller must not read them afterwards; those over SharedArrayBuffers are shared.
 * Settles on the worker's one message. `running` tracks live workers so a service can terminate them.
 */
export function runInWorker(job: StudyJob | Promise<StudyJob>, url: URL = DEFAULT_WORKER_URL, running: Set<Worker> = new Set()): Promise<StudyJobResult> {
  const worker = new Worker(url);
  running.add(worker);
  let kind = job instanceof Promise ? 'job' : job.kind;
  return new Promise<StudyJobResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    Promise.resolve(job).then(
      (built) => {
        kind = built.kind;
        if (!settled) worker.postMessage(built, transferListOf(built));
      },
      (err: unknown) => {
        settle(() => reject(err));
        void worker.terminate();
      },
    );
    worker.once('message', (message: FromStudyWorker) => {
      settle(() => (message.type === 'result' ? resolve(message.result) : reject(new PatternStudyError(message.message))));
    });
    worker.once('error', (err) => {
      settle(() => reject(new PatternStudyError(`study worker (${kind}) failed: ${err.message}`, { cause: err })));
    });
    worker.once('exit', (code) => {
      running.delete(worker);
      settle(() => reject(new PatternStudyError(`study worker (${kind}) exited with code ${code} before it reported a result`)));
    });
  });
}

/** The buffers a job moves to the worker: those of its typed arrays that are not shared. */
function transferListOf(job: StudyJob): ArrayBuffer[] {
  const columns = job.kind === 'study' ? [job.funding, job.prices] : [job.funding];
  return columns.flatMap((c) => Object.values(c).filter(ArrayBuffer.isView).map((view) => view.buffer).filter((buffer) => buffer instanceof ArrayBuffer));
}
