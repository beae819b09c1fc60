import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions, MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { CANCEL_BUTTON, ENGAGE_BUTTON, createKillSwitchPrompt } from '../../../electron/main/killSwitchPrompt.ts';
import { KILL_SWITCH_ACCELERATOR, type InputSource, type ShortcutRegistry } from '../../../electron/main/killKeys.ts';
import { installKillSwitch } from '../../../electron/main/killSwitchShell.ts';
import { KILL_SWITCH_LABEL, SYSTEM_WIDE_LABEL, menuTemplate, type MenuState } from '../../../electron/main/menu.ts';
import { openPrefsFile } from '../../../electron/main/desktopPrefs.ts';

/** A native message box the test answers: `answer(i)` clicks button i; an abort answers Cancel, as Electron does. */
function fakeDialogs() {
  const shown: MessageBoxOptions[] = [];
  const waiting: Array<(response: number) => void> = [];
  const showMessageBox = (options: MessageBoxOptions) => {
    shown.push(options);
    return new Promise<{ response: number }>((resolve) => {
      const answer = (response: number) => resolve({ response });
      waiting.push(answer);
      options.signal?.addEventListener('abort', () => answer(options.cancelId ?? 0));
    });
  };
  return { shown, showMessageBox, answer: (response: number) => waiting.shift()!(response) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the kill-switch confirmation raised by main', () => {
  function setup() {
    const dialogs = fakeDialogs();
    const engaged: string[] = [];
    let raised = 0;
    const prompt = createKillSwitchPrompt({ ask: dialogs.showMessageBox, raise: () => raised++, engage: async (reason) => void engaged.push(reason) });
    return { dialogs, engaged, prompt, raised: () => raised };
  }

  it('opens with Engage as the default button, so "hotkey, Enter" engages; Esc is Cancel', async () => {
    const { dialogs, engaged, prompt, raised } = setup();
    const done = prompt.request('in-app hotkey');
    const [options] = dialogs.shown;
    expect(options.buttons![options.defaultId!]).toBe('Engage kill switch');
    expect(options.cancelId).toBe(CANCEL_BUTTON);
    expect(options.buttons![options.cancelId!]).toBe('Cancel');
    expect(raised()).toBe(1);
    dialogs.answer(ENGAGE_BUTTON);
    await done;
    expect(engaged).toEqual(['kill switch (in-app hotkey, confirmed)']);
  });

  it('Cancel (or Esc) engages nothing', async () => {
    const { dialogs, engaged, prompt } = setup();
    const done = prompt.request('menu');
    dialogs.answer(CANCEL_BUTTON);
    await done;
    expect(engaged).toEqual([]);
    expect(prompt.open).toBe(false);
  });

  it('a second press while the question is up closes it and engages, once', async () => {
    const { dialogs, engaged, prompt } = setup();
    const first = prompt.request('system-wide hotkey');
    expect(prompt.open).toBe(true);
    await prompt.request('system-wide hotkey');
    await first;
    expect(dialogs.shown).toHaveLength(1);
    expect(engaged).toEqual(['kill switch (system-wide hotkey, confirmed by a second press)']);
    // The next press starts a new question, it does not engage again.
    void prompt.request('system-wide hotkey');
    expect(dialogs.shown).toHaveLength(2);
    expect(engaged).toHaveLength(1);
  });
});

/** The window's key feed, the global-shortcut registry and the prefs file, faked. */
function shellSetup(options: { systemWide?: boolean; refuseRegistration?: boolean } = {}) {
  const dialogs = fakeDialogs();
  const keyListeners: Array<Parameters<InputSource['on']>[1]> = [];
  const registered = new Map<string, () => void>();
  const shortcuts: ShortcutRegistry = {
    register: (accelerator, callback) => (options.refuseRegistration ? false : (registered.set(accelerator, callback), true)),
    unregister: (accelerator) => void registered.delete(accelerator),
    isRegistered: (accelerator) => registered.has(accelerator),
  };
  const dir = mkdtempSync(join(tmpdir(), 'desktop-prefs-'));
  const prefsPath = join(dir, 'desktop.json');
  if (options.systemWide) writeFileSync(prefsPath, JSON.stringify({ systemWideKillHotkey: true }));
  const warnings: string[] = [];
  const menus: MenuState[] = [];
  const engaged: string[] = [];
  const shell = installKillSwitch({
    window: { webContents: { on: (_event, listener) => keyListeners.push(listener) }, isMinimized: () => false, restore() {}, show() {}, focus() {} },
    showMessageBox: dialogs.showMessageBox,
    shortcuts,
    prefs: openPrefsFile(prefsPath, (line) => warnings.push(line)),
    engage: async (reason) => {
      engaged.push(reason);
      return { engagedAt: 1, finishedAt: 2, venues: [{ venue: 'bybit', flat: true, cancelledOrders: 1, closedPositions: 2, error: null }], state: { state: 'HALTED' } } as never;
    },
    applyMenu: (state) => menus.push(state),
    warn: (line) => warnings.push(line),
  });
  const press = (input: Partial<{ key: string; shift: boolean; control: boolean; meta: boolean; alt: boolean; isAutoRepeat: boolean; type: string }>) => {
    let prevented = false;
    const full = { type: 'keyDown', key: 'K', shift: true, control: true, meta: false, alt: false, isAutoRepeat: false, ...input } as never;
    for (const listener of keyListeners) listener({ preventDefault: () => (prevented = true) }, full);
    return prevented;
  };
  return { dialogs, registered, warnings, menus, engaged, shell, press, prefsPath };
}

describe('the kill-switch keys of the desktop shell', () => {
  it('the in-app hotkey is watched before the page sees it and asks first', async () => {
    const { dialogs, press, engaged } = shellSetup();
    expect(press({})).toBe(true);
    expect(dialogs.shown.map((o) => o.message)).toEqual(['Engage the kill switch?']);
    dialogs.answer(ENGAGE_BUTTON);
    await settle();
    expect(engaged).toEqual(['kill switch (in-app hotkey, confirmed)']);
    expect(dialogs.shown[1].message).toBe('Kill switch engaged: trading HALTED');
  });

  it('other keys, Alt, a missing Shift, key-up and a held key (auto-repeat) do nothing', () => {
    const { dialogs, press } = shellSetup();
    expect([press({ key: 'j' }), press({ alt: true }), press({ shift: false }), press({ type: 'keyUp' }), press({ isAutoRepeat: true })]).toEqual([false, false, false, false, false]);
    expect(dialogs.shown).toEqual([]);
  });

  it('a held hotkey does not count as the confirming second press; a fresh press does', async () => {
    const { dialogs, press, engaged } = shellSetup();
    press({});
    press({ isAutoRepeat: true });
    await settle();
    expect(engaged).toEqual([]);
    press({ meta: true, control: false });
    await settle();
    expect(engaged).toEqual(['kill switch (in-app hotkey, confirmed by a second press)']);
    expect(dialogs.shown).toHaveLength(2);
  });

  it('the system-wide hotkey is off by default: nothing is registered with the OS', () => {
    const { registered, menus } = shellSetup();
    expect(registered.size).toBe(0);
    expect(menus).toEqual([{ systemWideHotkey: false }]);
  });

  it('opted in, it is registered, remembered, and asks first when it fires', async () => {
    const { registered, menus, shell, prefsPath, dialogs, engaged } = shellSetup();
    shell.setSystemWide(true);
    expect([...registered.keys()]).toEqual([KILL_SWITCH_ACCELERATOR]);
    expect(menus.at(-1)).toEqual({ systemWideHotkey: true });
    expect(JSON.parse(readFileSync(prefsPath, 'utf8')).systemWideKillHotkey).toBe(true);
    registered.get(KILL_SWITCH_ACCELERATOR)!();
    expect(dialogs.shown.at(-1)!.message).toBe('Engage the kill switch?');
    dialogs.answer(CANCEL_BUTTON);
    await settle();
    expect(engaged).toEqual([]);
    shell.setSystemWide(false);
    expect(registered.size).toBe(0);
    expect(JSON.parse(readFileSync(prefsPath, 'utf8')).systemWideKillHotkey).toBe(false);
  });

  it('a registration the OS refuses is reported in words and the menu shows it off', () => {
    const { warnings, menus, dialogs } = shellSetup({ systemWide: true, refuseRegistration: true });
    expect(warnings.join('\n')).toMatch(/could not be registered: another application holds it/);
    expect(dialogs.shown[0]).toMatchObject({ type: 'error', message: 'System-wide hotkey not registered' });
    expect(menus).toEqual([{ systemWideHotkey: false }]);
  });
});

describe('the application menu', () => {
  const items = (state: MenuState, calls: string[]) => {
    const template = menuTemplate({ killSwitch: () => calls.push('kill'), setSystemWideHotkey: (on) => calls.push(`system-wide ${on}`), revealLogs: () => calls.push('logs') }, state, 'linux');
    return template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])) as MenuItemConstructorOptions[];
  };
  const click = (item: MenuItemConstructorOptions, checked = false) => (item.click as (i: { checked: boolean }) => void)({ checked });

  it('shows the kill-switch accelerator without registering it a second time', () => {
    const calls: string[] = [];
    const kill = items({ systemWideHotkey: false }, calls).find((i) => i.label === KILL_SWITCH_LABEL)!;
    expect(kill).toMatchObject({ accelerator: KILL_SWITCH_ACCELERATOR, registerAccelerator: false });
    click(kill);
    expect(calls).toEqual(['kill']);
  });

  it('the system-wide checkbox shows the hotkey state and toggles it; Reveal logs is there', () => {
    const calls: string[] = [];
    const list = items({ systemWideHotkey: true }, calls);
    const toggle = list.find((i) => i.label === SYSTEM_WIDE_LABEL)!;
    expect(toggle).toMatchObject({ type: 'checkbox', checked: true });
    click(toggle, false);
    click(list.find((i) => i.label === 'Reveal logs')!);
    expect(calls).toEqual(['system-wide false', 'logs']);
  });
});

describe('the desktop preferences file', () => {
  it('missing: defaults; damaged: defaults and one warning; written: read back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desktop-prefs-'));
    const warnings: string[] = [];
    expect(openPrefsFile(join(dir, 'none.json'), (l) => warnings.push(l)).read()).toEqual({ systemWideKillHotkey: false, checkForUpdates: false });
    writeFileSync(join(dir, 'bad.json'), '{"systemWideKillHotkey": "yes"');
    expect(openPrefsFile(join(dir, 'bad.json'), (l) => warnings.push(l)).read()).toEqual({ systemWideKillHotkey: false, checkForUpdates: false });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/bad\.json could not be read .*reset to their defaults/);
    const file = openPrefsFile(join(dir, 'sub', 'ok.json'), (l) => warnings.push(l));
    file.update({ window: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false } });
    expect(openPrefsFile(join(dir, 'sub', 'ok.json'), (l) => warnings.push(l)).read().window?.bounds.width).toBe(1200);
  });
});
