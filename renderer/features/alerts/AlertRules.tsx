import { useState } from 'react';
import type { AssetAlertRule } from '../../../shared/domain/settings.ts';
import { errorMessage } from '../../../shared/ipc/dispatch.ts';
import { useBridge } from '../../bridge/bridgeContext.ts';
import { useSession } from '../../store/sessionStore.ts';
import { useSignals } from '../../store/signalsStore.ts';
import { parseLimitPct, upsertRule } from './alertRuleForm.ts';

const pct = (decimal: number) => `${(decimal * 100).toFixed(4)} %`;

/**
 * Rule edits run one after another, each on the rules main last answered with: an edit computed
 * from the list a render saw would drop a rule saved while an earlier save was still in flight.
 */
let lastEdit: Promise<unknown> = Promise.resolve();
function queueEdit<T>(run: () => Promise<T>): Promise<T> {
  const next = lastEdit.then(run, run);
  lastEdit = next.catch(() => undefined);
  return next;
}

/**
 * Per-asset alert rules (docs/screens.md, "Alerts"): an asset's own extreme-rate limit, or its
 * market alerts muted. Saved in Settings through main, which the engine follows at once.
 */
export function AlertRules() {
  const count = useSession((s) => s.settings?.alertRules.length ?? 0);
  const [open, setOpen] = useState(false);
  return (
    <details className="alert-rules" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Rules per asset ({count})</summary>
      {open ? <AlertRuleEditor /> : null}
    </details>
  );
}

function AlertRuleEditor() {
  const bridge = useBridge();
  const settings = useSession((s) => s.settings);
  const setSession = useSession((s) => s.set);
  const bases = useSignals((s) => s.rows);
  const [base, setBase] = useState('');
  const [limit, setLimit] = useState('');
  const [muted, setMuted] = useState(false);
  const [problem, setProblem] = useState<{ field: 'base' | 'limit' | 'save'; text: string } | null>(null);
  if (!settings) return null;
  const rules = settings.alertRules;

  const save = (edit: (current: AssetAlertRule[]) => AssetAlertRule[]) => queueEdit(async () => {
    try {
      const current = useSession.getState().settings?.alertRules ?? [];
      setSession({ settings: await bridge.invoke('settings.set', { alertRules: edit(current) }) });
      setProblem(null);
      return true;
    } catch (err) {
      setProblem({ field: 'save', text: `Not saved: ${errorMessage(err)}` });
      return false;
    }
  });
  const submit = async () => {
    const asset = base.trim().toUpperCase();
    if (asset === '') return setProblem({ field: 'base', text: 'Type the asset the rule is for, e.g. WIF' });
    const parsed = parseLimitPct(limit);
    if (!parsed.ok) return setProblem({ field: 'limit', text: parsed.problem });
    const rule = { base: asset, extremeRatePer8h: parsed.value, muted: muted || undefined };
    if (await save((current) => upsertRule(current, rule))) {
      setBase('');
      setLimit('');
      setMuted(false);
    }
  };

  return (
    <>
      <form className="toolbar" aria-label="Alert rule" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label>Rule for asset
          <input value={base} onChange={(e) => setBase(e.target.value)} list="alert-rule-assets" size={8} aria-invalid={problem?.field === 'base'} />
        </label>
        <datalist id="alert-rule-assets">{[...bases.keys()].sort().map((b) => <option key={b} value={b} />)}</datalist>
        <label>Extreme-rate limit (% per 8 h)
          <input value={limit} onChange={(e) => setLimit(e.target.value)} inputMode="decimal" size={7} placeholder={`${(settings.extremeRatePer8h * 100).toFixed(4)}`} aria-invalid={problem?.field === 'limit'} />
        </label>
        <label><input type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} /> Mute its market alerts</label>
        <button type="submit">Save rule</button>
        {problem ? <span role="alert" className="error">{problem.text}</span> : null}
      </form>
      <p className="muted small">Empty limit: the global {pct(settings.extremeRatePer8h)} per 8 h. Muted: no trigger, extreme-rate or settlement-window alerts for the asset; trading and held-pair alerts still come.</p>
      {rules.length > 0 ? (
        <table className="alert-rule-table" aria-label="Alert rules per asset">
          <thead><tr><th>Asset</th><th className="num">Extreme-rate limit (% per 8 h)</th><th>Market alerts</th><th /></tr></thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.base}>
                <td>{rule.base}</td>
                <td className="num">{rule.extremeRatePer8h === undefined ? `global ${pct(settings.extremeRatePer8h)}` : pct(rule.extremeRatePer8h)}</td>
                <td>{rule.muted ? 'muted' : 'on'}</td>
                <td><button onClick={() => void save((current) => current.filter((r) => r.base !== rule.base))} aria-label={`Remove the rule for ${rule.base}`}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
