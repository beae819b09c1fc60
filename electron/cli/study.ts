import { readAll, readFundingCsv, readText, throwOnErrors } from './csvFiles.ts';
import { parsePriceCsv } from '../../shared/history/priceCsv.ts';
import { parseSectorCsv } from '../../shared/sectors/sectorCsv.ts';
import type { SectorMap } from '../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP } from '../../shared/sectors/taxonomy.ts';
import { DEFAULT_MODEL_OPTIONS, walkForwardModel, type ModelReport } from '../engine/model.ts';
import { DEFAULT_STUDY_PARAMS, studyPanelFor, summarisePanel, type HorizonResult, type StudyParams, type StudyResult } from '../engine/study.ts';
import type { StudySummaryView } from '../../shared/domain/patterns.ts';
import { EXIT_BAD_INPUT, UsageError, type CliCommand } from './io.ts';
import { HELP_OPTION, parseCommandLine } from './args.ts';

const USAGE = `usage: study --history <funding.csv>... --prices <prices.csv>... [--sectors <base,sector.csv>]
             [--threshold X] [--horizon-hours Z[,Z2]] [--k K] [--model] [--json]
  X per 8 h as a decimal (default ${DEFAULT_STUDY_PARAMS.thresholdPer8h}), Z in hours (default ${DEFAULT_STUDY_PARAMS.horizonsHours.join(',')}),
  k as a decimal (default ${DEFAULT_STUDY_PARAMS.k}). Without --sectors the built-in taxonomy is used.
  The top-level figures are for the first horizon; "byHorizon" holds every horizon.
  --model adds the walk-forward logistic model per horizon, scored against the base rate out of sample.`;

interface StudyArgs { history: string[]; prices: string[]; sectors: string | null; params: StudyParams; json: boolean; model: boolean }

/** `study`: the sector-divergence event study over funding and price CSV files. */
export const study: CliCommand = async (argv, io) => {
  try {
    const args = parseStudyArgs(argv);
    if (args === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const funding = await readAll('study', args.history, readFundingCsv);
    const prices = await readAll('study', args.prices, parsePriceCsv);
    const map = args.sectors === null ? DEFAULT_SECTOR_MAP : await readSectorMap(args.sectors);
    const panel = studyPanelFor(funding, prices, map, args.params);
    const result = summarisePanel(panel, args.params);
    const models = args.model ? args.params.horizonsHours.map((_, horizon) => walkForwardModel(panel, args.params, { ...DEFAULT_MODEL_OPTIONS, horizon })) : [];
    io.out(args.json ? `${JSON.stringify(studyJson(result, args, models), null, 2)}\n` : studyText(result, models));
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
};

export function parseStudyArgs(argv: string[]): StudyArgs | 'help' {
  const values = parseCommandLine('study', argv, {
    ...HELP_OPTION,
    history: { type: 'string', multiple: true, default: [] },
    prices: { type: 'string', multiple: true, default: [] },
    sectors: { type: 'string', multiple: true, default: [] },
    threshold: { type: 'string', multiple: true, default: [] },
    'horizon-hours': { type: 'string', multiple: true, default: [] },
    k: { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    model: { type: 'boolean', default: false },
  });
  if (values.help) return 'help';
  if (values.history.length === 0) throw new UsageError('study: --history needs at least one funding CSV (study --help lists the options)');
  if (values.prices.length === 0) throw new UsageError('study: --prices needs at least one price CSV (study --help lists the options)');
  if (values.sectors.length > 1) throw new UsageError('study: --sectors takes one file');
  const horizons = values['horizon-hours'].flatMap((text) => text.split(',')).map((text) => positiveNumber('--horizon-hours', text));
  return {
    history: values.history, prices: values.prices, sectors: values.sectors[0] ?? null, json: values.json, model: values.model,
    params: {
      ...DEFAULT_STUDY_PARAMS,
      thresholdPer8h: single('--threshold', values.threshold, DEFAULT_STUDY_PARAMS.thresholdPer8h, (t) => finiteNumber('--threshold', t)),
      k: single('--k', values.k, DEFAULT_STUDY_PARAMS.k, (t) => positiveNumber('--k', t)),
      horizonsHours: horizons.length > 0 ? horizons : DEFAULT_STUDY_PARAMS.horizonsHours,
    },
  };
}

function single(option: string, values: string[], fallback: number, parse: (text: string) => number): number {
  if (values.length > 1) throw new UsageError(`study: ${option} takes one value, got ${values.join(' ')}`);
  return values.length === 0 ? fallback : parse(values[0]);
}

function finiteNumber(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`study: ${option} "${text}" is not a number`);
  return value;
}

function positiveNumber(option: string, text: string): number {
  const value = finiteNumber(option, text);
  if (value <= 0) throw new UsageError(`study: ${option} "${text}" must be greater than 0`);
  return value;
}

async function readSectorMap(file: string): Promise<SectorMap> {
  const { map, errors } = parseSectorCsv(await readText('study', file), file);
  throwOnErrors('study', file, errors);
  if (map.size === 0) throw new UsageError(`study: ${file}: no base,sector rows`);
  return map;
}

function studyJson(result: StudyResult, args: StudyArgs, models: ModelReport[]) {
  const [first] = result.horizons;
  const horizonJson = (h: HorizonResult) => ({
    horizonHours: h.horizonHours, inSample: h.inSample, outOfSample: h.outOfSample, all: h.all,
    events: h.events.map((e) => ({ ...e, time: new Date(e.time).toISOString() })),
  });
  return {
    params: {
      threshold: result.params.thresholdPer8h, horizonHours: first.horizonHours, horizonsHours: result.params.horizonsHours, k: result.params.k,
      minAssetsPerSector: result.params.minAssetsPerSector, inSampleShare: result.params.inSampleShare, maxPriceAgeHours: result.params.maxPriceAgeHours,
      fundingStaleIntervals: result.params.fundingStaleIntervals,
      interval: 'Wilson 95 % on the effective n: events whose outcome windows overlap, in any sector, count once',
      history: args.history, prices: args.prices, sectors: args.sectors ?? 'built-in taxonomy',
    },
    period: { ...result.period, from: iso(result.period.from), to: iso(result.period.to), splitTime: iso(result.period.splitTime) },
    sectors: result.sectors,
    ...horizonJson(first),
    byHorizon: Object.fromEntries(result.horizons.map((h) => [String(h.horizonHours), horizonJson(h)])),
    ...(models.length ? { model: Object.fromEntries(models.map((m) => [String(m.horizonHours), modelJson(m)])) } : {}),
  };
}

/** The model's scores without the per-point predictions (those stay in the app's Patterns panel). */
function modelJson(m: ModelReport) {
  return { features: m.features, walkForward: m.walkForward, outOfSample: m.outOfSample, events: m.events, calibration: m.calibration, verdict: m.verdict };
}

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

function studyText(result: StudyResult, models: ModelReport[]): string {
  const lines = [`event study: X = ${pct(result.params.thresholdPer8h)} per 8 h, k = ${pct(result.params.k)}, ${result.period.gridPoints} grid points ${iso(result.period.from)} → ${iso(result.period.to)}, split at ${iso(result.period.splitTime)}`];
  for (const h of result.horizons) {
    lines.push(`Z = ${h.horizonHours} h`);
    for (const [label, s] of [['in-sample', h.inSample], ['out-of-sample', h.outOfSample], ['all', h.all]] as const) lines.push(`  ${label.padEnd(14)} ${summaryText(s)}`);
  }
  for (const m of models) lines.push(`model: ${m.verdict}`);
  return `${lines.join('\n')}\n`;
}

function summaryText(s: StudySummaryView): string {
  const rate = s.hitRate === null ? 'no events' : `hit rate ${pct(s.hitRate)} (95 % ${pct(s.ci95![0])}–${pct(s.ci95![1])})`;
  const base = s.baseRate === null ? 'no base rate' : `base rate ${pct(s.baseRate)} over ${s.basePoints} points`;
  return `n ${s.n}, hits ${s.hits}, ${rate}, ${base}, lift ${s.lift === null ? '—' : s.lift.toFixed(2)}, ${s.excluded} without outcome`;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(3)} %`;
}
