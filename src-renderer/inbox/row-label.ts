/**
 * What a screen reader says for an inbox row: the essentials first (unread, author, channel, due
 * state), then what they said. Pure, so the wording is pinned by a table test and the row, the live
 * region and the README say the same thing.
 */
import type { MentionRecord } from '../db/schema';
import { CHANNEL_INFO } from '../lib/channels';
import { urgency } from '../lib/time';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "7 minutes", "1 hour 5 minutes", "3 days 2 hours", "less than a minute": words, not "7m". */
export function spokenDuration(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  if (m < 1) return 'less than a minute';
  if (m < 60) return plural(m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${plural(h, 'hour')} ${plural(m % 60, 'minute')}` : plural(h, 'hour');
  const d = Math.floor(h / 24);
  return h % 24 ? `${plural(d, 'day')} ${plural(h % 24, 'hour')}` : plural(d, 'day');
}

/** "due in 7 minutes", "due in 3 minutes, soon", "10 minutes over", or the state when the clock is not running for us. */
export function dueState(m: Pick<MentionRecord, 'status' | 'dueAt' | 'clockStartMs'>, nowMs: number): string {
  if (m.status === 'waiting') return 'waiting on the customer';
  if (m.status === 'resolved') return 'resolved';
  if (m.status === 'noise') return 'marked as noise';
  const left = m.dueAt - nowMs;
  const u = urgency(m.dueAt, m.clockStartMs, nowMs);
  if (u === 'overdue') return `${spokenDuration(left)} over`;
  return `due in ${spokenDuration(left)}${u === 'near' ? ', soon' : ''}`;
}

export interface RowLabelOptions {
  nowMs: number;
  /** The reach tier may be said (false in reach-blind mode, as on screen). */
  reachVisible: boolean;
  checked: boolean;
}

export function rowLabel(m: MentionRecord, o: RowLabelOptions): string {
  const who = m.author.name || m.author.handle || 'Someone';
  const handle = m.author.handle && m.author.handle !== who ? ` @${m.author.handle}` : '';
  const parts = [`${m.unread ? 'Unread, ' : ''}${who}${handle} on ${CHANNEL_INFO[m.channel].label}, ${dueState(m, o.nowMs)}`];
  if (o.reachVisible) parts.push(`${m.reach.tier} reach`);
  if (m.rating) parts.push(`${m.rating} of 5 stars`);
  const title = m.title && m.channel !== 'x' ? m.title + (/[.!?…]$/.test(m.title) ? ' ' : '. ') : '';
  const line = title + (m.text.split(/\r?\n/, 1)[0] ?? '');
  if (line.trim()) parts.push(line.trim().slice(0, 140));
  if (m.tags.length) parts.push(`tagged ${m.tags.join(', ')}`);
  if (m.assignee) parts.push(`assigned to ${m.assignee}`);
  if (o.checked) parts.push('picked for bulk actions');
  return parts.join('. ');
}
