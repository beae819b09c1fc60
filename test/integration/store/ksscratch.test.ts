import { it } from 'vitest';
import { openStore } from '../../../electron/backend/store/duckdb.ts';
import { writeFileSync, rmSync, statSync, readdirSync } from 'node:fs';
it('scratch', async () => {
const dir = '/tmp/ks-tmpfs/store';
const store = await openStore(dir);
await store.journal.append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { a: 1 } });
console.log(readdirSync(dir).map((f) => [f, statSync(dir + '/' + f).size]));
let i = 0; try { for (;;) { writeFileSync(`/tmp/ks-tmpfs/fill${i++}`, Buffer.alloc(64 * 1024)); } } catch (e) { console.log('filled', i, (e as Error).message); }
for (let k = 0; k < 3; k++) {
  try { await store.journal.append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { big: 'x'.repeat(100000) } }); console.log('append ok'); }
  catch (e) { console.log('append failed:', (e as Error).message); }
}
for (let j = 0; j < i; j++) rmSync(`/tmp/ks-tmpfs/fill${j}`, { force: true });
try { await store.journal.append({ kind: 'alert', pairId: null, venue: null, symbol: null, clientOrderId: null, data: { after: 1 } }); console.log('after free ok'); } catch (e) { console.log('after free failed:', (e as Error).message); }
try { console.log((await store.journal.list()).length); } catch (e) { console.log('list failed', (e as Error).message); }
await store.close().catch((e) => console.log('close', e.message));
const again = await openStore(dir).catch((e) => { console.log('reopen failed', e.message); return null; });
if (again) { console.log('reopen rows', (await again.journal.list()).map((e) => e.seq)); await again.close(); }
}, 60000);
