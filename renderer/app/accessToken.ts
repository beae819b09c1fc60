/**
 * The headless host hands out a one-time token in the page URL (`?token=…`). It is kept for
 * this tab only (sessionStorage, so a reload still works) and removed from the address bar,
 * so that it does not end up in screenshots, history or a copied link.
 */
const STORAGE_KEY = 'funding-terminal.token';

export function takeAccessToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(STORAGE_KEY);
}

export function hostSocketUrl(location: Location, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/ws${query}`;
}
