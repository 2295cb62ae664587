/** Shared by the feed tests: reading fixtures through the connector's own path, and poll contexts. */
import { readFileSync, readdirSync } from 'node:fs';
import { createLogger, type Logger } from '../../../src-main/core/log';
import type { PollContext } from '../../../src-main/sources/source';
import type { FeedProfile } from '../../../src-main/shared/sources';
import { readFeed, type ReadFeedOutput } from '../../../src-main/sources/feed/read-feed';
import { fixturePath } from '../../fixtures';

export const FETCHED_AT = new Date('2026-11-21T09:00:00.000Z');

export function feedFixture(dir: 'sources' | 'real-world', file: string): Buffer {
  return readFileSync(fixturePath('feeds', dir, file));
}

export function feedFixtureNames(dir: 'sources' | 'real-world'): string[] {
  return readdirSync(fixturePath('feeds', dir))
    .filter((f) => !f.endsWith('.md'))
    .sort();
}

export function readFixtureFeed(
  dir: 'sources' | 'real-world',
  file: string,
  opts: { sourceId?: string; url?: string; profile?: FeedProfile; fetchedAt?: Date; contentType?: string } = {},
): Promise<ReadFeedOutput> {
  return readFeed({
    body: feedFixture(dir, file),
    contentType: opts.contentType,
    // A neutral address, so the profile is recognised from the content as it would be behind a proxy.
    url: opts.url ?? `http://127.0.0.1:8080/${dir}/${file}`,
    sourceId: opts.sourceId ?? 'src',
    profile: opts.profile,
    fetchedAt: opts.fetchedAt ?? FETCHED_AT,
  });
}

/** A logger that keeps its lines, for asserting warnings. */
export function memoryLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const make = (name: string): Logger => ({
    info: (m, f) => lines.push(`info [${name}] ${m}${f ? ' ' + JSON.stringify(f) : ''}`),
    warn: (m, f) => lines.push(`warn [${name}] ${m}${f ? ' ' + JSON.stringify(f) : ''}`),
    error: (m, f) => lines.push(`error [${name}] ${m}${f ? ' ' + JSON.stringify(f) : ''}`),
    child: (n) => make(`${name}/${n}`),
  });
  return { log: make('test'), lines };
}

export function pollContext(cursor: unknown, opts: { signal?: AbortSignal; now?: () => Date; log?: Logger } = {}): PollContext {
  return {
    cursor,
    signal: opts.signal ?? new AbortController().signal,
    now: opts.now ?? (() => new Date()),
    log: opts.log ?? createLogger('feed-test'),
  };
}
