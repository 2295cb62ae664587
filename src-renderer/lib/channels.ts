import type { Channel, ReachTier } from '../../src-main/shared/mention';

export const CHANNEL_INFO: Record<Channel, { label: string; glyph: string }> = {
  x: { label: 'X', glyph: '𝕏' },
  appstore: { label: 'App Store', glyph: '★' },
  reddit: { label: 'Reddit', glyph: 'r/' },
  mastodon: { label: 'Mastodon', glyph: 'M' },
  hackernews: { label: 'Hacker News', glyph: 'Y' },
  'google-alerts': { label: 'Google Alerts', glyph: 'G' },
  feed: { label: 'Feed', glyph: '◉' },
  demo: { label: 'Demo', glyph: 'D' },
};

export const TIER_LABEL: Record<ReachTier, string> = {
  everyday: 'everyday · <1k',
  micro: 'micro · 1k–10k',
  mid: 'mid · 10k–100k',
  macro: 'macro · 100k–1M',
  mega: 'mega · 1M+',
};

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1_000) return `${(n / 1_000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(n);
}
