/**
 * Scripts the voice-of-the-customer benchmark runs inside the page, as source text (a function
 * expression taking one JSON argument): mentions as ingest would store them, carrying language,
 * sentiment and topics (as enrichment will set them) and varied words, with their arrival, reply,
 * resolve and noise events.
 */
export const PAGE_WRITE_VOC_HISTORY = `(async (a) => {
  let s = (a.seed + a.from * 7919) >>> 0;
  const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const sources = [['appstore-us','appstore'],['appstore-gb','appstore'],['appstore-es','appstore'],['appstore-br','appstore'],['r-acme','reddit'],['r-travel','reddit'],['x-mentions','x'],['x-search','x'],['mastodon-tag','mastodon'],['hn','hackernews'],['alerts','google-alerts'],['blog-feed','feed']];
  const langs = ['en','en','en','en','es','es','pt','fr','de', null];
  const words = { en: ['refund','delayed','flight','crew','seat','lost','bag','app','update','login','crash','great','service','gate','boarding','wifi','meal','upgrade','points','cancelled'], es: ['reembolso','vuelo','retraso','maleta','perdida','equipaje','asiento','servicio','aplicacion','puerta'], pt: ['reembolso','voo','atraso','mala','bagagem','assento','servico','aplicativo'], fr: ['remboursement','vol','retard','valise','bagage','siege','service'], de: ['erstattung','flug','verspatung','koffer','gepack','sitz','service'] };
  const glue = { en: ['the','my','is','and','to','a'], es: ['el','la','de','que','mi','y'], pt: ['o','a','de','que','meu'], fr: ['le','la','de','mon','et'], de: ['der','die','und','mein','ist'] };
  const topics = ['refunds','lost-luggage','delays','app','wifi'];
  const labels = ['negative','negative','neutral','positive'];
  const iso = (ms) => new Date(ms).toISOString();
  const mentions = [], events = [];
  for (let i = a.from; i < a.from + a.n; i++) {
    const id = 'voc:' + i;
    const created = a.endMs - a.days * 86400000 + Math.floor(((i + rnd()) / a.total) * a.days * 86400000);
    const [sourceId, channel] = pick(sources);
    const lang = pick(langs);
    const wl = words[lang || 'en'], gl = glue[lang || 'en'];
    const n = 6 + Math.floor(rnd() * 14);
    const text = Array.from({ length: n }, () => (rnd() < 0.35 ? pick(gl) : pick(wl))).join(' ');
    const judged = lang && lang !== 'de';
    const label = pick(labels);
    const ts = topics.filter(() => rnd() < 0.18);
    const noise = rnd() < 0.03;
    const replyMin = Math.max(1, 40 * Math.exp(0.6 * (rnd() + rnd() + rnd() - 1.5) * 2));
    const answered = !noise && rnd() < 0.95;
    mentions.push({
      id, sourceId, channel, text, createdAt: iso(created), receivedAt: iso(created + 15000), arrival: { id: 'mention:' + id, at: iso(created + 15000) },
      author: { key: channel + ':a' + (i % 50000), handle: 'a' + (i % 50000), name: 'Author ' + (i % 50000), followers: null },
      reach: { score: 20, tier: 'everyday' }, status: noise ? 'noise' : 'resolved', open: 0, dueAt: created + 3600000, createdMs: created, clockStartMs: created,
      authorKey: channel + ':a' + (i % 50000), tags: [], policyId: 'default',
      ...(lang ? { lang } : { lang: null }),
      sentiment: judged ? { label, score: label === 'negative' ? -0.6 : label === 'positive' ? 0.6 : 0 } : null,
      topics: ts,
      ...(channel === 'appstore' ? { rating: 1 + Math.floor(rnd() * 5) } : {}),
      ...(answered ? { firstReplyAt: created + replyMin * 60000 } : {}),
    });
    if (noise) { events.push({ id: 'ev:n:' + i, type: 'noise', at: iso(created + 120000), mentionId: id, agent: 'mk' }); continue; }
    if (answered) events.push({ id: 'ev:r:' + i, type: 'replied', at: iso(created + replyMin * 60000), mentionId: id, agent: 'mk', data: { via: channel, text: 'Thanks' } });
    events.push({ id: 'ev:z:' + i, type: 'resolved', at: iso(created + (answered ? replyMin * 60000 : 0) + 1800000), mentionId: id, agent: 'mk' });
  }
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  await new Promise((res, rej) => {
    const tx = db.transaction(['mentions', 'events'], 'readwrite');
    const ms = tx.objectStore('mentions'), es = tx.objectStore('events');
    for (const m of mentions) ms.put(m);
    for (const e of events) es.put(e);
    tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error);
  });
  db.close();
  return { mentions: mentions.length, events: events.length };
})`;
