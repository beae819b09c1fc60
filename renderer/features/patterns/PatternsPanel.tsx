import { useEffect, useMemo, type FormEvent } from 'react';
import type { PatternStudy } from '../../../shared/domain/patterns.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { usePatterns, type StudyDraft } from '../../store/patternsStore.ts';
import { useSectors } from '../../store/sectorsStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { useUi } from '../../store/uiStore.ts';
import { SectorStyles } from '../sectors/SectorStyles.tsx';
import { PriceHistoryImport } from '../../ui/HistoryImports.tsx';
import { EventList } from './EventList.tsx';
import { StudySummary } from './StudySummary.tsx';
import { modelVerdict, sectorLeadAsset } from './studyText.ts';

const day = (t: number | null) => (t === null ? '–' : new Date(t).toISOString().slice(0, 10));

function Params() {
  const bridge = useBridge();
  const draft = usePatterns((s) => s.draft);
  const busy = usePatterns((s) => s.busy);
  const setDraft = usePatterns((s) => s.setDraft);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void usePatterns.getState().run(bridge);
  };
  const field = (key: keyof StudyDraft, label: string, unit: string) => (
    <label>
      <span>{label} <span className="unit">{unit}</span></span>
      <input type="number" step="any" value={draft[key]} onChange={(e) => setDraft({ [key]: e.target.value })} aria-label={`${label} (${unit})`} />
    </label>
  );
  return (
    <form className="params" onSubmit={submit} aria-label="Study parameters">
      {field('thresholdPct', 'Threshold X', '% /8h')}
      {field('horizonHours', 'Horizon Z', 'hours')}
      {field('kPct', 'Underperformance k', '%')}
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Running…' : 'Run study'}</button>
    </form>
  );
}

function Verdict({ model }: { model: PatternStudy['model'] }) {
  const v = modelVerdict(model);
  return (
    <div className={`verdict${v.beats ? ' beats' : ''}`} role="note" aria-label="Model verdict">
      <strong>{v.beats ? '✓ ' : '⚠ '}{v.headline}</strong>
      <div className="small">{v.detail}</div>
      <div className="small muted">Walk-forward regularised logistic model on {model.features.join(', ') || 'no features'}.</div>
    </div>
  );
}

/** Many parameter sets tried on one data set make one of them look good by chance: say how many. */
function triedText(sets: number): string {
  return sets <= 1 ? '1 parameter set tried on this data.' : `${sets} parameter sets tried on this data: the best of them flatters by chance.`;
}

function Coverage({ study }: { study: PatternStudy }) {
  const c = study.coverage;
  return (
    <p className="small" aria-label="Data coverage">
      Data: {day(c.from)} → {day(c.to)} UTC; {c.assets} mapped assets in {c.sectors.length} sectors
      ({c.sectors.map((s) => `${s.name} ${s.assets}`).join(', ') || 'none'}); {c.fundingRows} funding rows, {c.priceRows} price rows;
      out-of-sample from {day(c.splitTime)}. Sectors need ≥ {study.params.minAssetsPerSector} assets. Computed {new Date(study.computedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.
      {' '}{triedText(study.parameterSetsTried)}
    </p>
  );
}

function useLeadAsset(): (sector: string) => string | null {
  const bridge = useBridge();
  const map = useSectors((s) => s.map);
  const rows = useSignals((s) => s.rows);
  useEffect(() => {
    if (map) return;
    bridge.invoke('sectors.map').then(
      (m) => useSectors.getState().set({ map: m }),
      (err) => useSectors.getState().set({ error: `Could not load the sector map: ${errorMessage(err)}` }),
    );
  }, [bridge, map]);
  const sectorOfBase = useMemo(() => new Map((map?.entries ?? []).map((e) => [e.base, e.sector])), [map]);
  return (sector) => sectorLeadAsset(sector, sectorOfBase, rows.values());
}

/**
 * The event study behind the rotation claim (docs/domain.md §2.6): the trader picks X, Z and k and
 * sees n, hits, the rate with its interval, the base rate and the out-of-sample half, never a bare
 * probability, and whether the learned model beats simply quoting the base rate.
 */
export function PatternsPanel() {
  const bridge = useBridge();
  const study = usePatterns((s) => s.study);
  const error = usePatterns((s) => s.error);
  const busy = usePatterns((s) => s.busy);
  const leadAsset = useLeadAsset();
  const openSymbol = useUi((s) => s.openSymbol);
  return (
    <section className="screen sectors-screen" aria-label="Patterns">
      <SectorStyles />
      <div className="screen-head"><h1>Patterns</h1><span className="muted">Does sector funding divergence lead sector underperformance?</span></div>
      <Params />
      <p className="small muted">
        An event: a sector&apos;s median funding minus the cross-sector median crosses X at an 8-hour boundary. A hit: over the next Z hours the
        sector&apos;s median return is at least k below the market&apos;s. Base rate: the share of all sector-times with that outcome.
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {busy && !study ? <p role="status">Running the study…</p> : null}
      {!study && !busy ? <p className="placeholder" role="status">Choose the parameters and run the study over the stored history.</p> : null}
      {study ? (
        <>
          <p className="small" aria-label="Study parameters used">
            X = {(study.params.threshold * 100).toFixed(4)} % /8h, Z = {study.params.horizonHours} h, k = {(study.params.k * 100).toFixed(2)} %,
            in-sample share {(study.params.inSampleShare * 100).toFixed(0)} %.
          </p>
          <StudySummary study={study} />
          <Verdict model={study.model} />
          <Coverage study={study} />
          <EventList study={study} leadAsset={leadAsset} onOpen={openSymbol} />
        </>
      ) : null}
      <PriceHistoryImport bridge={bridge} why={<>The study needs closes (funding history is imported in Settings). </>} />
    </section>
  );
}
