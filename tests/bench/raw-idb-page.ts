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
 * The raw-IndexedDB yardstick of issue 11, run inside the page as source text: the records Earshot
 * stored in its `mentions` store, read back, then put into a fresh database with the same key path
 * and the same indexes (read from Earshot's own store, so a leaner schema changes both sides) in ONE
 * readwrite transaction, timed from the first put to `complete`. Done twice: with every index, and
 * without the multi-entry `words` index (where the schema has one), to show what that index costs.
 * Where the schema has the `search` store that replaced `words` (v6), a third run also puts its rows
 * in the same transaction, as the app does, to show what search costs to write now. Last, the
 * records put in transactions of RAW_PAGE, one after another, as delivery writes a backlog (it
 * commits a batch at a time so the inbox can read between them): what the paging alone costs.
 * Each run starts RAW_SETTLE_MS after the last one ended.
 */
export const PAGE_RAW_PUT = `(async () => {
  const open = (name, upgrade) => new Promise((res, rej) => { const r = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name); if (upgrade) r.onupgradeneeded = () => upgrade(r.result); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const done = (tx) => new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
  const src = await open('earshot');
  const hasSearch = [...src.objectStoreNames].includes('search');
  const tx = src.transaction(hasSearch ? ['mentions', 'search'] : ['mentions'], 'readonly');
  const store = tx.objectStore('mentions');
  const searchRows = hasSearch ? await new Promise((res, rej) => { const r = tx.objectStore('search').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); }) : [];
  const indexes = [...store.indexNames].map((n) => { const i = store.index(n); return { name: n, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry }; });
  const keyPath = store.keyPath;
  const records = await new Promise((res, rej) => { const r = store.getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  src.close();
  const runOnce = async (name, idx, withSearch, pageSize) => {
    await new Promise((res) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = d.onblocked = () => res(); });
    await new Promise((res) => setTimeout(res, ${RAW_SETTLE_MS}));
    const db = await open(name, (d) => { const s = d.createObjectStore('mentions', { keyPath }); for (const i of idx) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry }); d.createObjectStore('search', { keyPath: 'seq', autoIncrement: true }); });
    const t0 = performance.now();
    const size = pageSize || records.length;
    for (let from = 0; from < records.length; from += size) {
      const w = db.transaction(['mentions', 'search'], 'readwrite');
      const s = w.objectStore('mentions');
      for (const r of records.slice(from, from + size)) s.put(r);
      if (withSearch) { const ss = w.objectStore('search'); for (const r of searchRows) { const c = { ...r }; delete c.seq; ss.add(c); } }
      await done(w);
    }
    const ms = performance.now() - t0;
    db.close();
    await new Promise((res) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = d.onblocked = () => res(); });
    return ms;
  };
  const allMs = await runOnce('raw-bench-all', indexes, false);
  const hasWords = indexes.some((i) => i.name === 'words');
  const noWordsMs = hasWords ? await runOnce('raw-bench-nowords', indexes.filter((i) => i.name !== 'words'), false) : allMs;
  const withSearchMs = hasSearch ? await runOnce('raw-bench-search', indexes, true) : undefined;
  const pagedMs = await runOnce('raw-bench-paged', indexes, false, ${RAW_PAGE});
  return { records: records.length, indexes: indexes.map((i) => i.name + (i.multiEntry ? '*' : '')), rawAllIndexesMs: allMs, rawWithoutWordsMs: noWordsMs, ...(hasSearch ? { searchRows: searchRows.length, rawWithSearchRowsMs: withSearchMs } : {}), rawPagedMs: pagedMs };
})`;
