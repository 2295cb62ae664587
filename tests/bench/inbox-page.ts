/**
 * Scripts the inbox benchmark runs inside the page, as source text (tsx's transform would add helpers
 * that do not exist in the page). Each is a function expression taking one JSON argument.
 */

export const STATS = `
  const pct = (xs, p) => { if (!xs.length) return 0; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const r1 = (x) => Math.round(x * 10) / 10;
  // Each frame in whole display frames: its interval over the usual one (the median), rounded, at
  // least one, times the usual one. A frame on time reads the display's period, whatever tenth of a
  // millisecond its coarsened timestamp is off by; a frame that missed one reads twice the period.
  const inDisplayFrames = (xs) => { const period = pct(xs, 0.5); return xs.map((x) => Math.max(1, Math.round(x / period)) * period); };
`;

/**
 * Applies one filter change the way a user would, and times it: until the first rows of the new
 * result are drawn with their data (the inbox leaves data-state="updating"), and until the whole
 * result is in (data-state="complete", the count final).
 */
export const PAGE_MEASURE_FILTER = `(async (a) => {
  const inbox = document.querySelector('[data-testid="inbox"]');
  const countEl = document.querySelector('[data-testid="inbox-count"]');
  const rowsReady = () => document.querySelector('[data-testid="inbox-empty"]') || [...document.querySelectorAll('[data-testid="mention-row"]')].every((r) => r.querySelector('.author'));
  let sawUpdating = false, firstRowsAt = 0, completeAt = 0, watching = false;
  const watchRows = () => { if (watching) return; watching = true; const check = () => { if (rowsReady()) firstRowsAt = performance.now(); else requestAnimationFrame(check); }; check(); };
  const done = new Promise((res) => {
    const mo = new MutationObserver(() => {
      const st = inbox.getAttribute('data-state');
      if (st === 'updating') sawUpdating = true;
      else if (sawUpdating) watchRows();
      if (sawUpdating && st === 'complete') { completeAt = performance.now(); mo.disconnect(); res(); }
    });
    mo.observe(inbox, { attributes: true, attributeFilter: ['data-state'] });
  });
  const t0 = performance.now();
  if (a.select) {
    const el = document.querySelector('select[aria-label="' + a.select + '"]');
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(el, a.value);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  } else if ('search' in a) {
    const el = document.querySelector('[data-testid="inbox-search"]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, a.search);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  } else if (a.chip) {
    [...document.querySelectorAll('.status-chips .chip')].find((b) => b.textContent.trim() === a.chip).click();
  }
  await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error('the filter never completed')), 120000))]);
  await new Promise((res) => { const wait = () => (firstRowsAt ? res() : requestAnimationFrame(wait)); wait(); });
  return { firstRowsMs: firstRowsAt - t0, completeMs: completeAt - t0, count: countEl.textContent };
})`;

/** Flings a scroll container: a fixed step every frame; records frame times, long tasks and rows drawn before their data. */
const PAGE_SCROLL_BODY = `(async (list, seconds, pxPerFrame) => {
  ${STATS}
  list.scrollTop = 0;
  await new Promise((r) => setTimeout(r, 500));
  const long = [];
  let obs;
  try { obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); }); obs.observe({ entryTypes: ['longtask'] }); } catch (e) {}
  const frames = [];
  let rows = 0, blank = 0;
  const start = performance.now();
  let last = start;
  await new Promise((res) => {
    const step = (ts) => {
      frames.push(ts - last);
      last = ts;
      for (const r of list.querySelectorAll('[data-testid="mention-row"]')) { rows++; if (!r.querySelector('.author')) blank++; }
      list.scrollTop += pxPerFrame;
      if (ts - start < seconds * 1000 && list.scrollTop + list.clientHeight < list.scrollHeight - 1) requestAnimationFrame(step); else res();
    };
    requestAnimationFrame(step);
  });
  obs && obs.disconnect();
  frames.shift();
  const elapsed = (last - start) / 1000;
  return {
    seconds: r1(elapsed), rowsScrolled: Math.round(list.scrollTop / 64), frames: frames.length, fps: r1(frames.length / elapsed),
    frameMsP50: r1(pct(frames, 0.5)), frameMsP95: r1(pct(frames, 0.95)), frameMsP99: r1(pct(frames, 0.99)), frameMsMax: r1(Math.max(...frames)),
    frameMsP95InDisplayFrames: r1(pct(inDisplayFrames(frames), 0.95)),
    framesOver16_7ms: r1((frames.filter((f) => f > 16.7 + 1).length / frames.length) * 100) + '%',
    framesOver33ms: r1((frames.filter((f) => f > 33.4).length / frames.length) * 100) + '%',
    longTasks: long.length, longestTaskMs: r1(long.length ? Math.max(...long) : 0),
    rowsDrawnBeforeTheirDataShare: r1((blank / Math.max(1, rows)) * 100) + '%',
  };
})`;

/** Flings the inbox list. */
export const PAGE_SCROLL = `(({ seconds, pxPerFrame }) => (${PAGE_SCROLL_BODY})(document.querySelector('.inbox .list'), seconds, pxPerFrame))`;

/** The same fling over 4,000 plain DOM rows, not virtualized and without app code, for comparison. */
export const PAGE_BASELINE = `(async ({ rows, seconds, pxPerFrame }) => {
  const host = document.createElement('div');
  host.className = 'list';
  host.style.cssText = 'position:fixed;inset:60px auto 30px 180px;width:500px;overflow:auto;background:var(--panel);z-index:99';
  const inner = document.createElement('div');
  inner.style.cssText = 'position:relative;height:' + rows * 64 + 'px';
  let html = '';
  for (let i = 0; i < Math.min(rows, 4000); i++) html += '<div data-testid="mention-row" class="row" style="position:absolute;left:0;right:0;height:64px;top:' + i * 64 + 'px"><span class="chan chan-x">X</span><div class="row-main"><div class="row-top"><span class="author">Author ' + i + '</span></div><div class="row-bottom"><span class="row-text">Some text of mention ' + i + '</span></div></div></div>';
  inner.innerHTML = html;
  host.appendChild(inner);
  document.body.appendChild(host);
  const r = await (${PAGE_SCROLL_BODY})(host, seconds, pxPerFrame);
  host.remove();
  return r;
})`;

/**
 * Frame times with nothing to do (no scrolling, no app work asked for), measured as the fling
 * measures them (requestAnimationFrame's timestamps): the floor a frame time can read here. The
 * timestamps are coarsened, so a frame on time reads 16.6-16.8 ms rather than 16.67.
 */
export const PAGE_IDLE_FRAMES = `(async ({ seconds }) => {
  ${STATS}
  const frames = [];
  await new Promise((res) => {
    let start, last;
    const step = (ts) => {
      if (last !== undefined) frames.push(ts - last); else start = ts;
      last = ts;
      if (ts - start < seconds * 1000) requestAnimationFrame(step); else res();
    };
    requestAnimationFrame(step);
  });
  return { seconds, frames: frames.length, frameMsP50: r1(pct(frames, 0.5)), frameMsP95: r1(pct(frames, 0.95)), frameMsP95InDisplayFrames: r1(pct(inDisplayFrames(frames), 0.95)), frameMsP99: r1(pct(frames, 0.99)), frameMsMax: r1(Math.max(...frames)), distinctMs: [...new Set(frames.map(r1))].sort((a, b) => a - b).slice(0, 8) };
})`;

/** Jumps to random places (a scrollbar drag) and times each until every row on screen has its data. */
export const PAGE_JUMPS = `(async ({ jumps }) => {
  ${STATS}
  const list = document.querySelector('.list');
  const times = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < jumps; i++) {
    const t0 = performance.now();
    list.scrollTop = Math.floor(rnd() * (list.scrollHeight - list.clientHeight));
    await new Promise((res) => {
      const check = () => {
        const rows = [...list.querySelectorAll('[data-testid="mention-row"]')];
        if (rows.length && rows.every((r) => r.querySelector('.author'))) res(); else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { jumps, msToFilledP50: r1(pct(times, 0.5)), msToFilledP95: r1(pct(times, 0.95)), msToFilledMax: r1(Math.max(...times)) };
})`;
