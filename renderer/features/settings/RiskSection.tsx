import { ExitDefaultsSchema, MaxSlippagePctSchema, type ExitDefaults, type RiskSettings, type RiskSettingsPatch } from '../../../shared/domain/ticket.ts';
import { limitText, MAX_SLIPPAGE_UNIT } from '../../store/ticketForm.ts';
import { VENUE_IDS, VENUES, type VenueId } from '../../../shared/domain/venues.ts';
import { Field } from './Field.tsx';
import { fromPct, toPct } from './percent.ts';

/** Form state as typed: percent where the schema holds a fraction, empty fee = the default. */
export interface RiskDraft {
  maxRiskPct: string;
  maxExposurePct: string;
  leverageCap: string;
  settlementWarningMinutes: string;
  chasingRatePct: string;
  chasingHistoryMultiple: string;
  liquidationBufferMultiple: string;
  hedgeTolerancePct: string;
  /** Percent beyond each leg's best price a new ticket starts at. */
  maxSlippagePct: string;
  withdrawalFeesUsd: Record<VenueId, string>;
  /** A new ticket's exits, as typed: empty = none (the ticket asks). */
  exits: Record<keyof ExitDefaults, string>;
}

/** Percent where the default holds a fraction (the stop, the take-profit's share), as typed otherwise. */
const EXIT_IN_PCT: Record<keyof ExitDefaults, boolean> = { basisStopPct: true, maxLossUsd: false, takeProfitOfSpread: true, maxHoldingHours: false };
const EXIT_KEYS = Object.keys(EXIT_IN_PCT) as (keyof ExitDefaults)[];
/** Each default's name and unit, as its field shows them, for a limit said in the trader's words. */
const EXIT_VIEWS: Record<keyof ExitDefaults, { name: string; unit: string }> = {
  basisStopPct: { name: 'Default basis stop', unit: '% price gap' }, maxLossUsd: { name: 'Default max loss', unit: 'USD' },
  takeProfitOfSpread: { name: 'Default take-profit', unit: '% of the spread at entry' }, maxHoldingHours: { name: 'Default max holding', unit: 'hours' },
};

/** Why the typed defaults cannot be saved, field by field in its unit ("Default basis stop: at most 50 % price gap"), null when they can. */
function exitsProblem(typed: RiskDraft['exits']): string | null {
  const parsed = ExitDefaultsSchema.safeParse(exitsOf(typed));
  if (parsed.success) return null;
  return parsed.error.issues.map((issue) => {
    const key = issue.path[0] as keyof ExitDefaults;
    return `${EXIT_VIEWS[key].name}: ${limitText(issue, { scale: EXIT_IN_PCT[key] ? 100 : 1, unit: EXIT_VIEWS[key].unit, empty: 'no default' })}`;
  }).join('; ');
}

/** Why the typed risk rules cannot be saved, each in its field's unit ("Max slippage: at most 10 % beyond the best price"), null when they can. */
export function riskProblem(draft: RiskDraft): string | null {
  const slippage = MaxSlippagePctSchema.safeParse(draft.maxSlippagePct.trim() === '' ? undefined : fromPct(draft.maxSlippagePct));
  const problems = [slippage.success ? null : `Max slippage: ${limitText(slippage.error.issues[0], { scale: 100, unit: MAX_SLIPPAGE_UNIT })}`, exitsProblem(draft.exits)];
  return problems.filter((p) => p !== null).join('; ') || null;
}

function exitsDraftOf(d: ExitDefaults): RiskDraft['exits'] {
  const out = {} as RiskDraft['exits'];
  for (const k of EXIT_KEYS) out[k] = d[k] === null ? '' : EXIT_IN_PCT[k] ? toPct(d[k]) : String(d[k]);
  return out;
}

function exitsOf(typed: RiskDraft['exits']): ExitDefaults {
  const out = {} as ExitDefaults;
  for (const k of EXIT_KEYS) out[k] = typed[k].trim() === '' ? null : EXIT_IN_PCT[k] ? fromPct(typed[k]) : Number(typed[k]);
  return out;
}

export function riskDraftOf(r: RiskSettings): RiskDraft {
  const fees = {} as RiskDraft['withdrawalFeesUsd'];
  for (const v of VENUE_IDS) fees[v] = r.withdrawalFeesUsd[v] === undefined ? '' : String(r.withdrawalFeesUsd[v]);
  return {
    maxRiskPct: toPct(r.maxRiskPct),
    maxExposurePct: toPct(r.maxExposurePct),
    leverageCap: String(r.leverageCap),
    settlementWarningMinutes: String(r.settlementWarningMinutes),
    chasingRatePct: toPct(r.chasingRatePer8h),
    chasingHistoryMultiple: String(r.chasingHistoryMultiple),
    liquidationBufferMultiple: String(r.liquidationBufferMultiple),
    hedgeTolerancePct: toPct(r.hedgeTolerancePct),
    maxSlippagePct: toPct(r.maxSlippagePct),
    withdrawalFeesUsd: fees,
    exits: exitsDraftOf(r.exitDefaults),
  };
}

export function riskPatchOf(d: RiskDraft): RiskSettingsPatch {
  const fees: Partial<Record<VenueId, number>> = {};
  for (const v of VENUE_IDS) if (d.withdrawalFeesUsd[v] !== '') fees[v] = Number(d.withdrawalFeesUsd[v]);
  return {
    maxRiskPct: fromPct(d.maxRiskPct),
    maxExposurePct: fromPct(d.maxExposurePct),
    leverageCap: Number(d.leverageCap),
    settlementWarningMinutes: Number(d.settlementWarningMinutes),
    chasingRatePer8h: fromPct(d.chasingRatePct),
    chasingHistoryMultiple: Number(d.chasingHistoryMultiple),
    liquidationBufferMultiple: Number(d.liquidationBufferMultiple),
    hedgeTolerancePct: fromPct(d.hedgeTolerancePct),
    maxSlippagePct: fromPct(d.maxSlippagePct),
    withdrawalFeesUsd: fees,
    exitDefaults: exitsOf(d.exits),
  };
}

/**
 * The pre-trade risk rules (docs/domain.md §4) the ticket checklist applies, as typed. The
 * Settings panel holds the draft and saves it with its one Save; main validates and persists.
 */
export function RiskSection({ draft, onChange }: { draft: RiskDraft; onChange(draft: RiskDraft): void }) {
  const patch = (p: Partial<RiskDraft>) => onChange({ ...draft, ...p });
  const exit = (p: Partial<RiskDraft['exits']>) => patch({ exits: { ...draft.exits, ...p } });
  return (
    <section aria-label="Risk settings">
      <h2>Risk</h2>
      <fieldset>
        <legend>Risk per trade and exposure</legend>
        <Field label="Max risk per trade" unit="% of equity at the basis stop" value={draft.maxRiskPct} onChange={(v) => patch({ maxRiskPct: v })} />
        <Field label="Exposure cap" unit="% of equity, all pairs" value={draft.maxExposurePct} onChange={(v) => patch({ maxExposurePct: v })} />
        <Field label="Leverage cap" unit="×" value={draft.leverageCap} onChange={(v) => patch({ leverageCap: v })} />
        <Field label="Liquidation buffer" unit="× the basis stop" value={draft.liquidationBufferMultiple} onChange={(v) => patch({ liquidationBufferMultiple: v })} />
        <Field label="Hedge tolerance" unit="% base mismatch" value={draft.hedgeTolerancePct} onChange={(v) => patch({ hedgeTolerancePct: v })} />
        <Field label="Max slippage" unit={`${MAX_SLIPPAGE_UNIT}, each leg of a new ticket`} value={draft.maxSlippagePct} onChange={(v) => patch({ maxSlippagePct: v })} />
      </fieldset>
      <fieldset>
        <legend>Timing and rate chasing</legend>
        <Field label="Settlement warning" unit="minutes before" value={draft.settlementWarningMinutes} onChange={(v) => patch({ settlementWarningMinutes: v })} />
        <Field label="Rate-chasing level" unit="|% /8h|" value={draft.chasingRatePct} onChange={(v) => patch({ chasingRatePct: v })} />
        <Field label="Rate-chasing history multiple" unit="× recent mean |rate|" value={draft.chasingHistoryMultiple} onChange={(v) => patch({ chasingHistoryMultiple: v })} />
      </fieldset>
      <fieldset>
        <legend>Exits a new ticket starts at (empty = the ticket asks)</legend>
        <Field label="Default basis stop" unit="% price gap" value={draft.exits.basisStopPct} onChange={(v) => exit({ basisStopPct: v })} />
        <Field label="Default max loss" unit="USD (empty: the 2 % rule)" value={draft.exits.maxLossUsd} onChange={(v) => exit({ maxLossUsd: v })} />
        <Field label="Default take-profit" unit="% of the spread at entry" value={draft.exits.takeProfitOfSpread} onChange={(v) => exit({ takeProfitOfSpread: v })} />
        <Field label="Default max holding" unit="hours" value={draft.exits.maxHoldingHours} onChange={(v) => exit({ maxHoldingHours: v })} />
      </fieldset>
      <fieldset>
        <legend>Withdrawal fees (empty = default)</legend>
        {VENUE_IDS.map((v) => (
          <Field key={v} label={`${VENUES[v].label} withdrawal fee`} unit="USD" value={draft.withdrawalFeesUsd[v]}
            onChange={(fee) => patch({ withdrawalFeesUsd: { ...draft.withdrawalFeesUsd, [v]: fee } })} />
        ))}
      </fieldset>
    </section>
  );
}
