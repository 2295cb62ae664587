/** Delivery's batch (delivery/delivery-client.ts MAX_BATCH). */
export const RAW_PAGE = 2000;

/**
 * The pause before each raw run. Chromium goes on working for a few seconds after a large write.
 * In a scratch run at stop 34, seven puts of the same 20,000 records, back to back (with and without
 * the search rows, whole or in transactions of 2,000), took 7.8, 10.4, 10.3, 9.4, 10.7, 11.9 and
 * 12.5 s, and 13.7-38.6 s in the next two rounds: each run was slowed by the ones before it. With 3 s
 * between runs, the same puts took 7.2-9.4 s in all 20 runs, search rows or not. Without the pause,
 * the later runs here (with the search rows, in transactions of 2,000) read slower than they are.
 */
export const RAW_SETTLE_MS = 3000;

/**
 * The raw-IndexedDB yardstick of issue 11, run inside the page as source text, in steps, so the
 * bench can read the machine's CPU around each run (process-cpu.ts) and not only around all of them.
 *
 * PAGE_RAW_SETUP reads back the records Earshot stored in its `mentions` store (and its `search`
 * rows), with that store's key path and indexes (read from Earshot's own store, so a leaner schema
 * changes both sides), and keeps them in the page. PAGE_RAW_RUN then puts them into a fresh database
 * with the same key path and the same indexes, timed from the first put to `complete`:
 * - `all`: every index, in ONE readwrite transaction;
 * - `noWords`: without the multi-entry `words` index (schemas before v6), to show what it cost;
 * - `search`: with the `search` rows in the same transaction, as the app writes them (v6 on);
 * - `paged`: in transactions of RAW_PAGE, one after another, as delivery commits a backlog (a batch
 *   at a time, so the inbox can read between them): what the paging alone costs.
 * Each run starts RAW_SETTLE_MS after the last one ended.
 */
export const PAGE_RAW_SETUP = `(async () => {
  const open = (name) => new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const src = await open('earshot');
  const hasSearch = [...src.objectStoreNames].includes('search');
  const tx = src.transaction(hasSearch ? ['mentions', 'search'] : ['mentions'], 'readonly');
  const store = tx.objectStore('mentions');
  const all = (s) => new Promise((res, rej) => { const r = s.getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const searchRows = hasSearch ? await all(tx.objectStore('search')) : [];
  const indexes = [...store.indexNames].map((n) => { const i = store.index(n); return { name: n, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry }; });
  const records = await all(store);
  src.close();
  globalThis.__rawBench = { keyPath: store.keyPath, indexes, records, searchRows, hasSearch };
  return { records: records.length, indexes: indexes.map((i) => i.name + (i.multiEntry ? '*' : '')), hasWords: indexes.some((i) => i.name === 'words'), hasSearch, searchRows: searchRows.length };
})`;

/**
 * One run (`all`, `noWords`, `search` or `paged`) over what PAGE_RAW_SETUP kept, in three steps the
 * bench calls in turn, so what it reads of the machine's CPU around `put` is the put alone:
 * `prepare` (the fresh database, after RAW_SETTLE_MS), `put` (timed: its milliseconds), `drop`.
 */
export const PAGE_RAW_RUN = `(async (kind, step) => {
  const bench = globalThis.__rawBench;
  const { keyPath, indexes, records, searchRows } = bench;
  const name = 'raw-bench-' + kind;
  const drop = () => new Promise((res) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = d.onblocked = () => res(); });
  if (step === 'prepare') {
    await drop();
    await new Promise((res) => setTimeout(res, ${RAW_SETTLE_MS}));
    const idx = kind === 'noWords' ? indexes.filter((i) => i.name !== 'words') : indexes;
    bench.db = await new Promise((res, rej) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => { const d = r.result; const s = d.createObjectStore('mentions', { keyPath }); for (const i of idx) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry }); d.createObjectStore('search', { keyPath: 'seq', autoIncrement: true }); };
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    return 0;
  }
  if (step === 'drop') {
    bench.db?.close();
    bench.db = undefined;
    await drop();
    return 0;
  }
  const db = bench.db;
  const withSearch = kind === 'search';
  const size = kind === 'paged' ? ${RAW_PAGE} : records.length;
  const done = (tx) => new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
  const t0 = performance.now();
  for (let from = 0; from < records.length; from += size) {
    const w = db.transaction(['mentions', 'search'], 'readwrite');
    const s = w.objectStore('mentions');
    for (const r of records.slice(from, from + size)) s.put(r);
    if (withSearch) { const ss = w.objectStore('search'); for (const r of searchRows) { const c = { ...r }; delete c.seq; ss.add(c); } }
    await done(w);
  }
  return performance.now() - t0;
})`;
