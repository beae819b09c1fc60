import { describe, expect, it } from 'vitest';
import { composeHandlers } from '../../../shared/ipc/composeHandlers.ts';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings.ts';
import type { Handlers } from '../../../shared/ipc/contract.ts';

const settingsGet = async () => DEFAULT_SETTINGS;

describe('handler groups joined into the handler map', () => {
  it('keeps every handler of disjoint groups', async () => {
    const joined = composeHandlers({ 'settings.get': settingsGet }, { 'settings.set': async () => DEFAULT_SETTINGS });
    expect(Object.keys(joined).sort()).toEqual(['settings.get', 'settings.set']);
    await expect(joined['settings.get']()).resolves.toBe(DEFAULT_SETTINGS);
  });

  it('a request answered by two groups does not compile, and throws if the compiler could not see it', () => {
    // @ts-expect-error: 'settings.get' is in both groups
    expect(() => composeHandlers({ 'settings.get': settingsGet }, { 'settings.get': settingsGet })).toThrow('request settings.get is answered by two handler groups');
    const unseen: Partial<Handlers>[] = [{ 'settings.get': settingsGet }, { 'settings.get': settingsGet }];
    expect(() => composeHandlers(...unseen)).toThrow(/answered by two/);
  });
});
