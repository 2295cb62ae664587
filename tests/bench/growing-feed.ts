/**
 * A feed on 127.0.0.1 that gains one item whenever the benchmark asks, and remembers when it first
 * served each item: the start of "a polled mention visible in the inbox". Items carry an old
 * pubDate (feeds lie), each older than the one before, so each new item is due first in the inbox
 * and appears as its top row.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GrowingFeed {
  url: string;
  /** Adds item `n`; its text holds `quokka-n`. */
  add(n: number): void;
  /** When a poll first received item `n` (ms since the epoch). */
  servedAt(n: number): number | undefined;
  close(): Promise<void>;
}

export async function startGrowingFeed(): Promise<GrowingFeed> {
  const items: number[] = [];
  const served = new Map<number, number>();
  const server: Server = createServer((_req, res) => {
    const now = Date.now();
    for (const n of items) if (!served.has(n)) served.set(n, now);
    const body = items
      .map(
        (n) =>
          `<item><guid isPermaLink="false">quokka-${n}</guid><title>Lost bag, quokka-${n}</title><link>http://127.0.0.1/q/${n}</link>` +
          `<description>Still no news of my bag from flight ${n} (quokka-${n})</description><pubDate>${new Date(Date.UTC(2020, 0, 1) - n * 1000).toUTCString()}</pubDate></item>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench feed</title><link>http://127.0.0.1/</link><description>bench</description>${body}</channel></rss>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/feed.rss`,
    add: (n) => void items.push(n),
    servedAt: (n) => served.get(n),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
