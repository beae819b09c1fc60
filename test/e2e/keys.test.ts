import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDemoSession, type DemoSession } from './demoSession.ts';
import { screenshot } from './browser.ts';

let session: DemoSession;
let page: Page;
let pageErrors: string[];
let keys: Locator;

beforeAll(async () => {
  session = await openDemoSession({ name: 'keys', viewport: { width: 1600, height: 900 } });
  ({ page, pageErrors } = session);
  await page.getByRole('grid', { name: /Funding monitor/ }).waitFor({ timeout: 60_000 });
  await page.keyboard.press('5');
  keys = page.getByRole('region', { name: 'API keys' });
});
afterAll(() => session?.close());

const form = (): Locator => keys.getByRole('form', { name: 'Add an API key' });

describe('API keys in Settings, in Chromium against the demo host', () => {
  it('a new vault passphrase is typed twice; a mismatch is said beside the confirm field and nothing is created', async () => {
    const passphrase = keys.getByLabel('New vault passphrase');
    await passphrase.waitFor({ timeout: 10_000 });
    await passphrase.fill('correct horse battery staple');
    await keys.getByLabel('Confirm vault passphrase').fill('correct horse battery stapel');
    await keys.getByRole('button', { name: 'Create vault' }).click();
    const confirm = keys.getByLabel('Confirm vault passphrase');
    expect(await confirm.getAttribute('aria-invalid')).toBe('true');
    expect(await keys.locator(`#${await confirm.getAttribute('aria-describedby')}`).textContent()).toBe('The two passphrases differ');
    expect(await form().count()).toBe(0);
    // Both copies are still there: only the wrong one needs retyping.
    expect(await passphrase.inputValue()).toBe('correct horse battery staple');
    expect(await keys.getByRole('status', { name: 'Vault state' }).textContent()).toMatch(/^No vault yet: choose a passphrase and type it twice\. It encrypts your API keys and cannot be recovered\.$/);
    await confirm.fill('correct horse battery staple');
    await keys.getByRole('button', { name: 'Create vault' }).click();
    await form().waitFor({ timeout: 10_000 });
    expect(await keys.getByRole('status', { name: 'Vault state' }).textContent()).toMatch(/^Vault unlocked: keys encrypted with a key derived from your passphrase .* last 4 characters only\.$/);
  });

  it('the venue list says what each key is made of and offers no monitoring-only venue; an empty label is said beside its field', async () => {
    const options = await form().getByLabel('Key venue').locator('option').evaluateAll((all) => all.map((o) => `${(o as HTMLOptionElement).disabled ? 'disabled ' : ''}${o.textContent}`));
    expect(options).toEqual(expect.arrayContaining(['OKX — key, secret, passphrase', 'Hyperliquid — wallet address, agent private key', 'KuCoin Futures — key, secret, passphrase', 'BingX — key, secret', 'disabled Paradex — monitored only, not tradable in this build']));
    await form().getByLabel('Key label').fill('  ');
    await form().getByRole('button', { name: 'Store key' }).click();
    const label = form().getByLabel('Key label');
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    expect(await form().locator(`#${await label.getAttribute('aria-describedby')}`).textContent()).toBe('Label: 1 to 64 characters, e.g. main or desk');
    await label.fill('main');
    expect(await label.getAttribute('aria-invalid')).toBeNull();
  });

  it('a field error is said beside the field and keeps the secrets typed; the key is stored once fixed', async () => {
    await form().getByLabel('Key venue').selectOption('okx');
    await form().getByLabel('Key label').fill('desk');
    await form().getByLabel('API key').fill('short');
    await form().getByLabel('API secret').fill('e2e-SECRET-value-0123456789');
    await form().getByLabel('OKX API passphrase').fill('okx-pass-e2e');
    await form().getByRole('button', { name: 'Store key' }).click();
    const apiKey = form().getByLabel('API key');
    expect(await apiKey.getAttribute('aria-invalid')).toBe('true');
    expect(await form().locator(`#${await apiKey.getAttribute('aria-describedby')}`).textContent()).toBe('API key: at least 8 characters');
    expect(await form().getByLabel('API secret').inputValue()).toBe('e2e-SECRET-value-0123456789');
    expect(await form().getByLabel('OKX API passphrase').inputValue()).toBe('okx-pass-e2e');
    expect(await form().textContent()).toContain('OKX API keys carry a passphrase of their own, chosen when the key was made on OKX');
    // Nothing secret is ever in the page's text: the fields are password inputs.
    expect(await keys.textContent()).not.toContain('e2e-SECRET-value-0123456789');
    for (const name of ['API key', 'API secret', 'OKX API passphrase']) expect(await form().getByLabel(name).getAttribute('type')).toBe('password');
    await apiKey.fill('e2e-apikey-WXYZ');
    expect(await apiKey.getAttribute('aria-invalid')).toBeNull();
    await form().getByRole('button', { name: 'Store key' }).click();
    await keys.getByRole('table', { name: 'Stored keys' }).getByRole('row').filter({ hasText: '…WXYZ' }).waitFor({ timeout: 10_000 });
    expect(await form().getByLabel('API secret').inputValue()).toBe('');
  });

  it('Hyperliquid asks for the wallet address and the API (agent) private key, and says what they are', async () => {
    await form().getByLabel('Key venue').selectOption('hyperliquid');
    expect(await form().getByLabel('Wallet address').getAttribute('type')).toBe('text');
    expect(await form().getByLabel('API (agent) private key').getAttribute('type')).toBe('password');
    expect(await form().textContent()).toContain('API wallet approved for it on Hyperliquid (it can trade, not withdraw)');
    await form().getByLabel('Wallet address').fill('0x1234');
    await form().getByLabel('API (agent) private key').fill(`0x${'3f'.repeat(32)}`);
    await form().getByRole('button', { name: 'Store key' }).click();
    expect(await form().textContent()).toContain('Wallet address: 0x followed by 40 hex digits');
    expect(await form().getByLabel('API (agent) private key').inputValue()).toBe(`0x${'3f'.repeat(32)}`);
    await screenshot(page, 'e2e-keys-errors');
  });

  it('Delete asks first: Cancel keeps the key, "Delete key" removes it', async () => {
    const rows = keys.getByRole('table', { name: 'Stored keys' }).getByRole('row').filter({ hasText: '…WXYZ' });
    await keys.getByRole('button', { name: 'Delete key OKX desk' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete the OKX desk key?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await rows.count()).toBe(1);
    await keys.getByRole('button', { name: 'Delete key OKX desk' }).click();
    await dialog.getByRole('button', { name: 'Delete key' }).click();
    await keys.getByRole('status', { name: 'Vault message' }).filter({ hasText: 'Deleted OKX desk' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(0);
  });

  it('at 1280×800 the key form fits the window: no field runs off its right edge', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await form().getByLabel('Key venue').selectOption('okx');
    await form().getByRole('button', { name: 'Store key' }).click();
    await form().scrollIntoViewIfNeeded();
    const right = await form().evaluate((el) => Math.max(...[...el.querySelectorAll('input, select, button, .field-error')].map((c) => c.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual(1280);
    await screenshot(page, 'e2e-keys-1280x800');
    await page.setViewportSize({ width: 1600, height: 900 });
    await screenshot(page, 'e2e-keys-1600x900');
  });

  it('the page logged no error along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
