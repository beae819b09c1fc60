import { describe, expect, it } from 'vitest';
import { keyFieldErrors, keyFieldWords, keyLabelError, keyVenueOption, passphraseMismatch } from '../../../renderer/features/keys/keyFields.ts';

const ADDRESS = `0x${'ab12'.repeat(10)}`;
const PRIVATE_KEY = `0x${'3f'.repeat(32)}`;

describe('keyFieldWords', () => {
  it('names Hyperliquid\'s fields as a wallet address and an API (agent) private key, with one line on why', () => {
    const words = keyFieldWords('hyperliquid');
    expect([words.apiKey, words.secret]).toEqual(['Wallet address', 'API (agent) private key']);
    expect(words.explanation).toMatch(/API wallet approved for it .* not withdraw/);
  });

  it('keeps the API key / secret words on HMAC venues and wallet words on Aster', () => {
    expect(keyFieldWords('bybit')).toEqual({ apiKey: 'API key', secret: 'API secret', passphrase: null, explanation: null });
    expect(keyFieldWords('okx')).toEqual({ apiKey: 'API key', secret: 'API secret', passphrase: 'OKX API passphrase', explanation: 'OKX API keys carry a passphrase of their own, chosen when the key was made on OKX (not the vault\'s passphrase).' });
    expect(keyFieldWords('bitget').passphrase).toBe('Bitget API passphrase');
    expect(keyFieldWords('aster')).toMatchObject({ apiKey: 'Wallet address', secret: 'Wallet private key' });
  });
});

describe('the venue list of the key form', () => {
  it('says what each venue\'s key is made of, and offers no monitoring-only venue', () => {
    expect(keyVenueOption('binanceusdm')).toEqual({ text: 'Binance — key, secret', disabled: false });
    expect(keyVenueOption('okx')).toEqual({ text: 'OKX — key, secret, passphrase', disabled: false });
    expect(keyVenueOption('hyperliquid')).toEqual({ text: 'Hyperliquid — wallet address, agent private key', disabled: false });
    expect(keyVenueOption('aster')).toEqual({ text: 'Aster — wallet address, wallet private key', disabled: false });
    expect(keyVenueOption('kucoinfutures')).toEqual({ text: 'KuCoin Futures — key, secret, passphrase', disabled: false });
    expect(keyVenueOption('bingx')).toEqual({ text: 'BingX — key, secret', disabled: false });
    expect(keyVenueOption('paradex')).toEqual({ text: 'Paradex — monitored only, not tradable in this build', disabled: true });
  });

  it('a label is 1 to 64 characters once trimmed', () => {
    expect(keyLabelError('main')).toBeUndefined();
    expect(keyLabelError('   ')).toBe('Label: 1 to 64 characters, e.g. main or desk');
    expect(keyLabelError('x'.repeat(65))).toBe('Label: 1 to 64 characters, e.g. main or desk');
  });
});

describe('keyFieldErrors', () => {
  it('passes well-formed keys on an HMAC venue with a passphrase and on a wallet venue', () => {
    expect(keyFieldErrors('okx', { apiKey: 'e2e-apikey-WXYZ', secret: 'e2e-SECRET-0123', password: 'pass' })).toEqual({});
    expect(keyFieldErrors('hyperliquid', { apiKey: ADDRESS, secret: PRIVATE_KEY, password: '' })).toEqual({});
    expect(keyFieldErrors('hyperliquid', { apiKey: ADDRESS, secret: PRIVATE_KEY.slice(2), password: '' })).toEqual({});
  });

  it('says per field what is wrong, in the field\'s own name', () => {
    expect(keyFieldErrors('okx', { apiKey: 'short', secret: '   ', password: 'abc' })).toEqual({
      apiKey: 'API key: at least 8 characters',
      secret: 'API secret: at least 8 characters',
      password: 'API passphrase: at least 4 characters, as set when the key was made',
    });
    // A private key pasted into the address field, and an address into the key field.
    expect(keyFieldErrors('hyperliquid', { apiKey: PRIVATE_KEY, secret: ADDRESS, password: '' })).toEqual({
      apiKey: 'Wallet address: 0x followed by 40 hex digits',
      secret: 'API (agent) private key: 64 hex digits, with or without 0x',
    });
  });

  it('asks KuCoin Futures for its key\'s passphrase, which KuCoin signs into every private call', () => {
    expect(keyFieldErrors('kucoinfutures', { apiKey: 'abcdefgh', secret: 'abcdefgh', password: '' })).toEqual({ password: 'API passphrase: at least 4 characters, as set when the key was made' });
    expect(keyFieldErrors('kucoinfutures', { apiKey: 'abcdefgh', secret: 'abcdefgh', password: 'kc-pass' })).toEqual({});
  });

  it('asks no passphrase of a venue without one', () => {
    expect(keyFieldErrors('bybit', { apiKey: 'abcdefgh', secret: 'abcdefgh', password: '' })).toEqual({});
  });
});

describe('passphraseMismatch', () => {
  it('asks for the second copy, then compares it exactly', () => {
    expect(passphraseMismatch('correct horse', '')).toBe('Type the passphrase a second time');
    expect(passphraseMismatch('correct horse', 'correct hors')).toBe('The two passphrases differ');
    expect(passphraseMismatch('correct horse', 'correct horse')).toBeNull();
  });
});
