/**
 * The raw-IndexedDB yardstick of issue 11, run inside the page as source text: the records Earshot
 * stored in its `mentions` store, read back, then put into a fresh database with the same key path
 * and the same indexes (read from Earshot's own store, so a leaner schema changes both sides) in ONE
 * readwrite transaction, timed from the first put to `complete`. Done twice: with every index, and
 * without the multi-entry `words` index (where the schema has one), to show what that index costs.
 */
export const PAGE_RAW_PUT = `(async () => {
  const open = (name, upgrade) => new Promise((res, rej) => { const r = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name); if (upgrade) r.onupgradeneeded = () => upgrade(r.result); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const done = (tx) => new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error); });
  const src = await open('earshot');
  const tx = src.transaction('mentions', 'readonly');
  const store = tx.objectStore('mentions');
  const indexes = [...store.indexNames].map((n) => { const i = store.index(n); return { name: n, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry }; });
  const keyPath = store.keyPath;
  const records = await new Promise((res, rej) => { const r = store.getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  src.close();
  const runOnce = async (name, idx) => {
    await new Promise((res) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = d.onblocked = () => res(); });
    const db = await open(name, (d) => { const s = d.createObjectStore('mentions', { keyPath }); for (const i of idx) s.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry }); });
    const t0 = performance.now();
    const w = db.transaction('mentions', 'readwrite');
    const s = w.objectStore('mentions');
    for (const r of records) s.put(r);
    await done(w);
    const ms = performance.now() - t0;
    db.close();
    await new Promise((res) => { const d = indexedDB.deleteDatabase(name); d.onsuccess = d.onerror = d.onblocked = () => res(); });
    return ms;
  };
  const allMs = await runOnce('raw-bench-all', indexes);
  const hasWords = indexes.some((i) => i.name === 'words');
  const noWordsMs = hasWords ? await runOnce('raw-bench-nowords', indexes.filter((i) => i.name !== 'words')) : allMs;
  return { records: records.length, indexes: indexes.map((i) => i.name + (i.multiEntry ? '*' : '')), rawAllIndexesMs: allMs, rawWithoutWordsMs: noWordsMs };
})`;
