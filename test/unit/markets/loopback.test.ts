import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { pointAtBaseUrl, rebaseUrl } from '../../../electron/backend/markets/loopback.ts';

describe('pointing ccxt at a loopback server', () => {
  it('replaces scheme and host but keeps the path and query', () => {
    expect(rebaseUrl('https://fapi.binance.com/fapi/v1?x=1', 'http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/fapi/v1?x=1');
  });

  it('rewrites every http(s) endpoint of urls.api, nested or not, and leaves wss alone without a ws base', () => {
    const exchange = new ccxt.binanceusdm();
    pointAtBaseUrl(exchange, 'http://127.0.0.1:9000');
    const strings = JSON.stringify(exchange.urls.api).match(/"[a-z]+:\/\/[^"]+"/g) ?? [];
    expect(strings.length).toBeGreaterThan(3);
    for (const url of strings.filter((s) => s.startsWith('"http'))) expect(url.startsWith('"http://127.0.0.1:9000/')).toBe(true);
    expect(exchange.urls.api).toMatchObject({ fapiPublic: 'http://127.0.0.1:9000/fapi/v1' });
  });

  it('rewrites wss endpoints when a websocket base is given', () => {
    const exchange = new ccxt.pro.okx();
    pointAtBaseUrl(exchange, 'http://127.0.0.1:9000', 'ws://127.0.0.1:9001');
    const urls = JSON.stringify(exchange.urls.api);
    expect(urls).not.toMatch(/okx\.com/);
    expect(urls).toMatch(/ws:\/\/127\.0\.0\.1:9001\//);
  });

  it('does not touch the urls another instance of the same venue sees (ccxt shares them with describe())', () => {
    const rewritten = new ccxt.bybit();
    pointAtBaseUrl(rewritten, 'http://127.0.0.1:9000');
    expect(JSON.stringify(new ccxt.bybit().urls.api)).toMatch(/^(?!.*127\.0\.0\.1).*https:\/\/api\./);
  });
});
