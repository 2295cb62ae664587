/**
 * Scripts the fairness benchmark runs inside the page, as source text (each a function expression
 * taking one JSON argument). They write straight to IndexedDB what ingest and the triage actions
 * would have written: mentions with their due times, and arrival, assigned, replied, resolved,
 * skipped and noise events.
 */

/**
 * Writes `n` mentions from index `from` on, with their events (with `arrivalRows`, each arrival as an
 * events row, the way schema v6 kept it). `total` mentions from index `start` (default 0) on are
 * spread over the `days` days before `endMs`: a history written in chunks gives each chunk its own
 * `from` and the whole as `total`; a batch added later (new mentions of the last day) passes its own
 * first index as `start`, or its mentions would be dated after `endMs` (a batch from 200,000 with a
 * total of 2,000 landed 100 days ahead, so no report counted it as arrived).
 */
export const PAGE_WRITE_HISTORY = `(async (a) => {
  let s = (a.seed + a.from * 7919) >>> 0;
  const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const tiers = ['everyday','everyday','everyday','everyday','everyday','micro','micro','mid','macro','mega'];
  const channels = ['x','x','x','appstore','reddit','mastodon','hackernews','google-alerts'];
  const agents = ['mk','lb','pr','jo','al'];
  const speed = { everyday: 50, micro: 40, mid: 33, macro: 28, mega: 24 };
  const iso = (ms) => new Date(ms).toISOString();
  const mentions = [], events = [];
  for (let i = a.from; i < a.from + a.n; i++) {
    const id = 'bench:' + i;
    const created = a.endMs - a.days * 86400000 + Math.floor(((i - (a.start ?? 0) + rnd()) / a.total) * a.days * 86400000);
    const tier = pick(tiers), channel = pick(channels), agent = pick(agents);
    const followers = { everyday: 200, micro: 4000, mid: 40000, macro: 400000, mega: 4000000 }[tier];
    const noise = rnd() < 0.03;
    const replyMin = Math.max(1, speed[tier] * Math.exp(0.6 * (rnd() + rnd() + rnd() - 1.5) * 2));
    const answered = !noise && rnd() < 0.96;
    const open = !noise && !answered && created > a.endMs - 86400000 ? 1 : 0;
    mentions.push({
      id, sourceId: 'bench', channel, text: 'bench mention ' + i, createdAt: iso(created), receivedAt: iso(created + 15000), arrival: { id: 'mention:' + id, at: iso(created + 15000) },
      author: { key: channel + ':a' + (i % 50000), handle: 'a' + (i % 50000), name: 'Author ' + (i % 50000), followers: channel === 'appstore' ? null : followers },
      reach: { score: 20, tier }, status: noise ? 'noise' : open ? 'new' : 'resolved', open, dueAt: created + 3600000, createdMs: created, clockStartMs: created,
      authorKey: channel + ':a' + (i % 50000), tags: [], policyId: 'default', ...(answered ? { firstReplyAt: created + replyMin * 60000 } : {}),
    });
    // As schema v6 kept it (upgrade.bench.ts): the arrival as a row of the events table, not on the mention.
    if (a.arrivalRows) { const m = mentions[mentions.length - 1]; events.push({ id: m.arrival.id, type: 'mention', at: m.arrival.at, mentionId: id }); delete m.arrival; }
    if (noise) { events.push({ id: 'ev:n:' + i, type: 'noise', at: iso(created + 120000), mentionId: id, agent }); continue; }
    events.push({ id: 'ev:a:' + i, type: 'assigned', at: iso(created + 60000), mentionId: id, agent });
    if (tier === 'everyday' && rnd() < 0.08) events.push({ id: 'ev:s:' + i, type: 'skipped', at: iso(created + 300000), mentionId: id, agent: pick(agents), data: { takenMentionId: 'bench:' + Math.max(0, i - 3), reason: 'lead-instruction' } });
    if (answered) {
      events.push({ id: 'ev:r:' + i, type: 'replied', at: iso(created + replyMin * 60000), mentionId: id, agent, data: { via: channel, text: 'Thanks, we are on it' } });
      events.push({ id: 'ev:z:' + i, type: 'resolved', at: iso(created + replyMin * 60000 + 1800000), mentionId: id, agent });
    } else if (!open) events.push({ id: 'ev:z:' + i, type: 'resolved', at: iso(created + 7200000), mentionId: id, agent });
  }
  const db = await new Promise((res, rej) => { const r = indexedDB.open('earshot'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  await new Promise((res, rej) => {
    const tx = db.transaction(['mentions', 'events', 'meta'], 'readwrite');
    const ms = tx.objectStore('mentions'), es = tx.objectStore('events');
    for (const m of mentions) ms.put(m);
    for (const e of events) es.put(e);
    // As the app's writers journal what they write (src-renderer/db/window-journal.ts), in the same
    // transaction: one entry of two parts, the mentions as the report's facts read them.
    if (a.journal) {
      const meta = tx.objectStore('meta');
      const q = meta.get('windowJournalHead');
      q.onsuccess = () => {
        const head = (q.result && q.result.value) || { seq: 0, rows: 0, droppedThrough: 0 };
        const seq = head.seq + 1;
        const key = (part) => 'windowJournal:' + String(seq).padStart(12, '0') + ':' + String(part).padStart(6, '0');
        const facts = mentions.map((m) => { const f = { id: m.id, channel: m.channel, createdAt: m.createdAt, clockStartMs: m.clockStartMs, sourceId: m.sourceId, reach: { tier: m.reach.tier }, author: { handle: m.author.handle } };
          for (const k of ['clockStartAt', 'receivedAt', 'threadRootId', 'lang', 'topics', 'sentiment', 'arrival']) if (m[k] !== undefined) f[k] = m[k];
          return f; });
        meta.put({ key: key(0), value: { mentions: facts } });
        meta.put({ key: key(1), value: { events } });
        meta.put({ key: 'windowJournalHead', value: { seq, rows: head.rows + mentions.length + events.length, droppedThrough: head.droppedThrough } });
      };
    }
    tx.oncomplete = res; tx.onerror = () => rej(tx.error); tx.onabort = () => rej(tx.error);
  });
  db.close();
  return { mentions: mentions.length, events: events.length };
})`;

/**
 * Picks a report period and waits for the report of it; meanwhile records the longest gap between
 * animation frames, i.e. how long the window could not respond while the report was computed.
 */
export const PAGE_MEASURE_REPORT = `(async (a) => {
  const foot = () => document.querySelector('[data-testid="report-foot"]');
  const stamp = () => { const t = document.querySelector('[data-testid="report-now"]'); return t ? t.getAttribute('datetime') : ''; };
  const before = stamp();
  const sel = document.querySelector('[data-testid="report-range"]');
  let last = performance.now(), worst = 0, running = true;
  const frame = () => { const t = performance.now(); worst = Math.max(worst, t - last); last = t; if (running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const t0 = performance.now();
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(sel, a.range);
  sel.dispatchEvent(new Event('change', { bubbles: true }));
  await new Promise((res, rej) => {
    const check = () => {
      const f = foot();
      const busy = document.querySelector('[data-testid="fairness-report"]').getAttribute('aria-busy') === 'true';
      if (f && !busy && stamp() !== before) res();
      else if (performance.now() - t0 > 300000) rej(new Error('the report never came'));
      else setTimeout(check, 20);
    };
    check();
  });
  running = false;
  const f = foot();
  return {
    wallMs: performance.now() - t0,
    elapsedMs: Number(f.getAttribute('data-elapsed-ms')),
    loadMs: Number(f.getAttribute('data-load-ms')),
    computeMs: Number(f.getAttribute('data-compute-ms')),
    mentions: Number(f.getAttribute('data-mentions')),
    timings: JSON.parse(f.getAttribute('data-timings') || '{}'),
    how: f.getAttribute('data-how'),
    longestFrameGapMs: worst,
    sentence: document.querySelector('[data-testid="report-sentence"]').textContent,
  };
})`;

/**
 * Clicks Fairness in the navigation and times, in the page, until the report's foot is on screen.
 * Timed here rather than by Playwright's wait, which looks again after 0, 20, 50, 100, 100, then
 * every 500 ms: an open that took 0.3-1 s read up to half a second late (stop 31).
 */
export const PAGE_OPEN_REPORT = `(async () => {
  const shown = () => { const f = document.querySelector('[data-testid="report-foot"]'); return f && f.getClientRects().length > 0; };
  const button = [...document.querySelectorAll('nav button')].find((b) => b.textContent.includes('Fairness'));
  if (!button) throw new Error('no Fairness button');
  const t0 = performance.now();
  button.click();
  await new Promise((res, rej) => {
    const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); res(); } });
    obs.observe(document.body, { childList: true, subtree: true, attributes: true });
    const check = () => { if (shown()) { obs.disconnect(); res(); } else if (performance.now() - t0 > 600000) { obs.disconnect(); rej(new Error('the report never came')); } else setTimeout(check, 10); };
    check();
  });
  return performance.now() - t0;
})`;
