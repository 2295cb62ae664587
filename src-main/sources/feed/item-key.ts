/**
 * The identity of a feed item, the same on every poll: the guid, else the Atom id, else the link,
 * else a hash of title and date (sha256, hex, first 16 characters). Items with none of those still
 * get a stable key from what they do have (their other fields, in a fixed order), so a poll never
 * yields the same odd item twice under two ids.
 */
import { createHash } from 'node:crypto';
import type { FeedItemFields } from './feed-item';

export const hash16 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);

/** JSON with keys sorted at every level, so the same content always gives the same string. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function itemKey(item: FeedItemFields): string {
  if (item.guid) return item.guid;
  if (item.atomId) return item.atomId;
  if (item.link) return item.link;
  if (item.title || item.rawDate) return hash16(`${item.title ?? ''}\n${item.rawDate ?? ''}`);
  return hash16(stableJson(item.raw));
}

export const mentionId = (sourceId: string, key: string): string => `feed:${sourceId}:${key}`;
