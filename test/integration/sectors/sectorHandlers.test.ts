import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type DispatchResult } from '../../../shared/ipc/dispatch.ts';
import { requests, type Handlers, type RequestName } from '../../../shared/ipc/contract.ts';
import type { SectorMap } from '../../../shared/sectors/sectorOf.ts';
import { DEFAULT_SECTOR_MAP } from '../../../shared/sectors/taxonomy.ts';
import { openStore, type Store } from '../../../electron/backend/store/duckdb.ts';
import { createSectorHandlers } from '../../../electron/backend/sectors/sectorHandlers.ts';

let store: Store;
/** Every map the engine was given, in order (the engine itself is tested with its worker). */
let sent: SectorMap[];
let handlers: Handlers;
const LIVE = ['BTC', '1000PEPE', 'NEWCOIN', 'ZZTOP'];

async function open(): Promise<void> {
  const sectors = await createSectorHandlers({
    store, liveBases: () => LIVE, engine: { setSectorMap: (map) => sent.push(map), latestSectors: () => null },
  });
  handlers = sectors as unknown as Handlers;
}

/** Calls through the contract and validates the answer against the declared output schema. */
async function call(name: RequestName, input?: unknown): Promise<unknown> {
  const result: DispatchResult = await dispatch(handlers, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return requests[name].output.parse(result.value);
}

beforeEach(async () => {
  store = await openStore(':memory:');
  sent = [];
  await open();
});
afterEach(async () => { await store.close(); });

type MapView = { entries: Array<{ base: string; sector: string; source: string }>; unknown: string[]; sectors: string[] };
const entry = (view: MapView, base: string) => view.entries.find((e) => e.base === base);

describe('sector map requests', () => {
  it('starts from the default taxonomy, lists live bases it does not place, and sends the map to the engine', async () => {
    const view = (await call('sectors.map')) as MapView;
    expect(view.entries).toHaveLength(DEFAULT_SECTOR_MAP.size);
    expect(entry(view, 'BTC')).toEqual({ base: 'BTC', sector: 'Layer 1', source: 'default' });
    expect(view.unknown).toEqual(['NEWCOIN', 'ZZTOP']);
    expect(view.sectors).toContain('Meme');
    expect(sent).toHaveLength(1);
    expect(await call('sectors.snapshot')).toBeNull();
  });

  it('a user placement is stored, survives a restart, canonicalises the base and reaches the engine; the default sector drops it again', async () => {
    const placed = (await call('sectors.set', { base: '1000NEWCOIN', sector: ' AI ' })) as MapView;
    expect(entry(placed, 'NEWCOIN')).toEqual({ base: 'NEWCOIN', sector: 'AI', source: 'user' });
    expect(placed.unknown).toEqual(['ZZTOP']);
    expect(sent.at(-1)!.get('NEWCOIN')).toBe('AI');
    await open(); // a restart reads the overrides back
    expect(entry((await call('sectors.map')) as MapView, 'NEWCOIN')!.source).toBe('user');
    await call('sectors.set', { base: 'BTC', sector: 'Meme' });
    const reset = (await call('sectors.set', { base: 'BTC', sector: 'Layer 1' })) as MapView;
    expect(entry(reset, 'BTC')).toEqual({ base: 'BTC', sector: 'Layer 1', source: 'default' });
    expect([...(await store.sectorMap.overrides()).keys()]).toEqual(['NEWCOIN']);
  });

  it('imports a CSV: good lines become overrides, bad ones are reported by line with the file named on the header', async () => {
    const text = 'base,sector\nNEWCOIN,AI\nZZTOP\n1000ZZTOP,Gaming\nNEWCOIN,Meme\n,DeFi\n';
    const result = await call('sectors.importCsv', { fileName: 'mine.csv', text });
    expect(result).toEqual({
      fileName: 'mine.csv', imported: 2, rejected: 3,
      errors: [
        { line: 3, message: 'expected 2 fields (base,sector), found 1' },
        { line: 5, message: 'NEWCOIN is already in sector "AI"; not moved to "Meme"' },
        { line: 6, message: 'base and sector must both be given' },
      ],
      unconfirmed: [],
    });
    expect(((await call('sectors.map')) as MapView).unknown).toEqual([]);
    const header = await call('sectors.importCsv', { fileName: 'bad.csv', text: 'asset;sector\nBTC;AI\n' });
    expect(header).toMatchObject({ imported: 0, errors: [{ line: 1, message: 'bad.csv: expected header "base,sector", found "asset;sector"' }] });
  });

  it('a CSV naming sectors no sector has yet writes nothing and lists them with their assets and near names; confirmed, it creates them; another letter case is the existing sector', async () => {
    const text = 'base,sector\nNEWCOIN,Memes\nZZTOP,dog coins\nBTC,Dog Coins\nSOL,defi\n';
    const asked = await call('sectors.importCsv', { fileName: 'new.csv', text });
    expect(asked).toEqual({
      fileName: 'new.csv', imported: 0, rejected: 0, errors: [],
      unconfirmed: [{ name: 'Memes', bases: ['NEWCOIN'], near: ['Meme'] }, { name: 'dog coins', bases: ['ZZTOP', 'BTC'], near: [] }],
    });
    expect(await store.sectorMap.overrides()).toEqual(new Map());
    expect(sent).toHaveLength(1);
    // Confirming one of the two is not enough: still nothing is written.
    expect(await call('sectors.importCsv', { fileName: 'new.csv', text, newSectors: ['Memes'] })).toMatchObject({ imported: 0, unconfirmed: [{ name: 'dog coins' }] });
    expect(await store.sectorMap.overrides()).toEqual(new Map());
    const done = await call('sectors.importCsv', { fileName: 'new.csv', text, newSectors: ['Memes', 'dog coins'] });
    expect(done).toMatchObject({ imported: 4, unconfirmed: [] });
    const view = (await call('sectors.map')) as MapView;
    expect(entry(view, 'BTC')!.sector).toBe('dog coins');
    expect(entry(view, 'SOL')!.sector).toBe('DeFi');
    expect(view.sectors).toEqual(expect.arrayContaining(['Memes', 'dog coins']));
    expect(view.sectors).not.toContain('Dog Coins');
  });

  it('exports the effective map as CSV that imports back to the same map', async () => {
    await call('sectors.set', { base: 'ZZTOP', sector: 'Other' });
    const { text } = (await call('sectors.exportCsv')) as { text: string };
    expect(text.split('\n')[0]).toBe('base,sector');
    expect(text).toContain('\nZZTOP,Other\n');
    const back = await call('sectors.importCsv', { fileName: 'export.csv', text });
    expect(back).toMatchObject({ imported: DEFAULT_SECTOR_MAP.size + 1, rejected: 0 });
  });

  it('a sector name no sector has is refused with the near names unless confirmed as new; letter case alone is the existing sector', async () => {
    await expect(call('sectors.set', { base: 'ZZTOP', sector: 'Gamng' })).rejects.toThrow('sectors.set: No sector is named "Gamng" yet: placing ZZTOP there creates a new sector with ZZTOP as its only asset. Did you mean Gaming? Not placed: confirm the new sector to create it.');
    expect(entry((await call('sectors.map')) as MapView, 'ZZTOP')).toBeUndefined();
    expect(sent).toHaveLength(1);
    const created = (await call('sectors.set', { base: 'ZZTOP', sector: 'Restaking', newSector: true })) as MapView;
    expect(entry(created, 'ZZTOP')).toEqual({ base: 'ZZTOP', sector: 'Restaking', source: 'user' });
    expect(created.sectors).toContain('Restaking');
    // Once it exists, the next asset placed there needs no confirmation.
    expect(entry((await call('sectors.set', { base: 'NEWCOIN', sector: 'restaking' })) as MapView, 'NEWCOIN')!.sector).toBe('Restaking');
    expect(entry((await call('sectors.set', { base: 'BTC', sector: 'meme' })) as MapView, 'BTC')!.sector).toBe('Meme');
  });

  it('refuses an empty sector before any handler runs', async () => {
    const result = await dispatch(handlers, 'sectors.set', { base: 'BTC', sector: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
