import { beforeEach, describe, expect, it } from 'vitest';
import { draftsUnsaved } from '../../../renderer/features/settings/unsaved.ts';
import { useUi } from '../../../renderer/store/uiStore.ts';

describe('draftsUnsaved', () => {
  const saved = { engine: { triggerPct: '0.05', windowMinutes: '10' }, risk: { leverageCap: '3' } };

  it('says which form differs from what main last returned', () => {
    expect(draftsUnsaved(saved, saved)).toEqual({ engine: false, risk: false, any: false });
    expect(draftsUnsaved({ ...saved, risk: { leverageCap: '500' } }, saved)).toEqual({ engine: false, risk: true, any: true });
    expect(draftsUnsaved({ ...saved, engine: { triggerPct: '0.08', windowMinutes: '10' } }, saved)).toEqual({ engine: true, risk: false, any: true });
  });

  it('a value typed back to the saved one, or a form not loaded yet, is no change', () => {
    expect(draftsUnsaved({ engine: { triggerPct: '0.05', windowMinutes: '10' }, risk: null }, saved).any).toBe(false);
    expect(draftsUnsaved(saved, { engine: saved.engine, risk: null }).any).toBe(false);
  });
});

describe('leaving Settings with unsaved changes', () => {
  beforeEach(() => useUi.setState({ screen: 'settings', symbol: null, settingsUnsaved: false, leavingTo: null }));

  it('navigates at once when nothing is unsaved', () => {
    useUi.getState().open('monitor');
    expect(useUi.getState()).toMatchObject({ screen: 'monitor', leavingTo: null });
  });

  it('asks first; Cancel stays, discarding goes where the trader asked (a symbol too)', () => {
    useUi.getState().markSettingsUnsaved(true);
    useUi.getState().openSymbol('BTC');
    expect(useUi.getState()).toMatchObject({ screen: 'settings', leavingTo: { screen: 'symbol', symbol: 'BTC' } });
    useUi.getState().stay();
    expect(useUi.getState()).toMatchObject({ screen: 'settings', leavingTo: null, settingsUnsaved: true });
    useUi.getState().open('journal');
    useUi.getState().discardAndLeave();
    expect(useUi.getState()).toMatchObject({ screen: 'journal', leavingTo: null, settingsUnsaved: false });
  });

  it('staying on Settings is not leaving it', () => {
    useUi.getState().markSettingsUnsaved(true);
    useUi.getState().open('settings');
    expect(useUi.getState().leavingTo).toBeNull();
  });
});
