import { describe, expect, it } from 'vitest';
import { hostSocketUrl, takeAccessToken } from '../../../renderer/app/accessToken.ts';

function browser(href: string) {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  const location = { href, protocol: new URL(href).protocol, host: new URL(href).host } as Location;
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
  const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) } as unknown as History;
  return { location, storage, history, replaced };
}

describe('the session token of the headless host', () => {
  it('is read from the page URL, kept for the tab, and removed from the address bar', () => {
    const b = browser('http://127.0.0.1:5000/?token=abc123&x=1#monitor');
    expect(takeAccessToken(b.location, b.storage, b.history)).toBe('abc123');
    expect(b.replaced).toEqual(['/?x=1#monitor']);
    expect(b.storage.getItem('funding-terminal.token')).toBe('abc123');
  });

  it('survives a reload of the cleaned URL through sessionStorage', () => {
    const b = browser('http://127.0.0.1:5000/');
    b.storage.setItem('funding-terminal.token', 'kept');
    expect(takeAccessToken(b.location, b.storage, b.history)).toBe('kept');
    expect(b.replaced).toEqual([]);
  });

  it('is absent when neither the URL nor the tab has one', () => {
    const b = browser('http://127.0.0.1:5000/');
    expect(takeAccessToken(b.location, b.storage, b.history)).toBeNull();
  });

  it('goes to the host that served the page, ws for http and wss for https, URL-encoded', () => {
    expect(hostSocketUrl(browser('http://127.0.0.1:5000/').location, 'a+b')).toBe('ws://127.0.0.1:5000/ws?token=a%2Bb');
    expect(hostSocketUrl(browser('https://127.0.0.1:5001/').location, 't')).toBe('wss://127.0.0.1:5001/ws?token=t');
  });
});
