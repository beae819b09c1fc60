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
    await confirm.fill('correct horse battery staple');
    await keys.getByRole('button', { name: 'Create vault' }).click();
    await form().waitFor({ timeout: 10_000 });
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

  it('the page logged no error along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
