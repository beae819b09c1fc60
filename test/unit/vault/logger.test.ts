import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/backend/log/logger.ts';
import { KEY, leakedSecrets } from './vaultFixtures.ts';

function capture(secrets: string[] = [KEY.apiKey, KEY.secret, KEY.password]) {
  const lines: string[] = [];
  const log = createLogger({ sink: (line) => lines.push(line), secrets: () => secrets, now: () => Date.UTC(2026, 0, 2) });
  return { log, lines, text: () => lines.join('\n') };
}

describe('logger redaction', () => {
  it('writes one JSON line with time, level, message and the structured fields', () => {
    const { log, lines } = capture();
    log.info('poll finished', { venue: 'okx', quotes: 412 });
    expect(JSON.parse(lines[0])).toEqual({ time: '2026-01-02T00:00:00.000Z', level: 'info', msg: 'poll finished', venue: 'okx', quotes: 412 });
  });

  it('a known secret value is removed wherever it appears: message, nested field, URL-encoded, JSON-escaped', () => {
    const { log, text } = capture(['s3cr/et+"quoted"']);
    log.warn('request failed with s3cr/et+"quoted" in it', {
      url: `https://127.0.0.1/x?k=${encodeURIComponent('s3cr/et+"quoted"')}`,
      nested: { deeper: ['s3cr/et+"quoted"'] },
    });
    expect(text()).not.toContain('s3cr/et');
    expect(text()).not.toContain(encodeURIComponent('s3cr/et+"quoted"'));
    expect(text()).toContain('[redacted]');
  });

  it('secret-named fields are redacted even when the vault does not know the value', () => {
    const { log, lines } = capture([]);
    log.info('signed request', {
      apiKey: 'unknown-key-1', secret: 'unknown-secret-2', password: 'pw-3', passphrase: 'pp-4', signature: 'sig-5',
      headers: { 'X-MBX-APIKEY': 'h-6', 'OK-ACCESS-SIGN': 'h-7', 'OK-ACCESS-PASSPHRASE': 'h-8', 'X-BAPI-SIGN': 'h-9', 'X-BAPI-API-KEY': 'h-10' },
    });
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(lines[0]).not.toMatch(/unknown-key-1|unknown-secret-2|pw-3|pp-4|sig-5|h-6|h-7|h-8|h-9|h-10/);
    expect(entry.apiKey).toBe('[redacted]');
    expect(entry.headers).toEqual({ 'X-MBX-APIKEY': '[redacted]', 'OK-ACCESS-SIGN': '[redacted]', 'OK-ACCESS-PASSPHRASE': '[redacted]', 'X-BAPI-SIGN': '[redacted]', 'X-BAPI-API-KEY': '[redacted]' });
  });

  it('secret assignments inside free text are redacted: query signatures, header dumps, JSON bodies', () => {
    const { log, text } = capture([]);
    log.error('binanceusdm GET /fapi/v2/balance?timestamp=1&signature=9f8e7d6c5b failed; X-MBX-APIKEY: abcKEYxyz; body {"secret":"qqq111"}');
    expect(text()).not.toMatch(/9f8e7d6c5b|abcKEYxyz|qqq111/);
    expect(text()).toContain('signature=[redacted]');
  });

  it('ordinary prose mentioning a passphrase keeps its words', () => {
    const { log, lines } = capture([]);
    log.warn('wrong passphrase: the key vault could not be unlocked');
    expect(JSON.parse(lines[0]).msg).toBe('wrong passphrase: the key vault could not be unlocked');
  });

  it('an error is logged with name, message and a stack scrubbed of secrets', () => {
    const { log, lines } = capture();
    const error = new TypeError(`signing with ${KEY.secret} failed`);
    log.error('key test crashed', error);
    const entry = JSON.parse(lines[0]) as { error: { name: string; message: string; stack: string } };
    expect(entry.error.name).toBe('TypeError');
    expect(entry.error.message).toBe('signing with [redacted] failed');
    expect(entry.error.stack).toMatch(/TypeError: signing with \[redacted\] failed\n\s+at /);
    expect(leakedSecrets(lines[0])).toEqual([]);
  });

  it('secrets are read at every line: a key added to the vault later is scrubbed from then on', () => {
    const secrets: string[] = [];
    const lines: string[] = [];
    const log = createLogger({ sink: (line) => lines.push(line), secrets: () => secrets });
    secrets.push('late-added-secret');
    log.info('value late-added-secret');
    expect(lines[0]).not.toContain('late-added-secret');
  });

  it('circular structures and bigints do not break a log line', () => {
    const { log, lines } = capture();
    const loop: Record<string, unknown> = { size: 10n };
    loop.self = loop;
    log.info('state', { loop });
    expect(JSON.parse(lines[0]).loop).toEqual({ size: '10', self: '[circular]' });
  });
});
