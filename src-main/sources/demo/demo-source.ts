/**
 * The demo source: the embedded default when no sources are configured. It plays the realistic
 * mentions bundled in resources/demo/mentions.json at a steady pace, so a new user sees a living
 * inbox within seconds of the first start. The first poll delivers a small backlog (posted over
 * the last hour, so some are already near or past the 60-minute target); then one or two new
 * mentions arrive every few seconds.
 *
 * Ids are `demo:<n>` with n counting up from 1 across restarts (the cursor), so a test can compare
 * exactly what was emitted with what reached the inbox.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ChannelSchema, type SourceMention } from '../../shared/mention';
import type { Source, PollContext, PollResult } from '../source';
import { DEFAULT_INTERVAL_SECONDS, type DemoKnobs, type SourceSettings } from '../../shared/sources';

const TemplateSchema = z.object({
  channel: ChannelSchema,
  text: z.string().min(1),
  title: z.string().optional(),
  lang: z.string().optional(),
  rating: z.number().int().min(1).max(5).optional(),
  author: z.object({
    handle: z.string().min(1),
    name: z.string(),
    followers: z.number().int().nonnegative().nullable(),
    verified: z.boolean().optional(),
    listed: z.number().int().nonnegative().optional(),
  }),
  meta: z.record(z.string(), z.string()).optional(),
  conversationKey: z.string().optional(),
  replyToKey: z.string().optional(),
  isRepost: z.boolean().optional(),
});
export type DemoTemplate = z.infer<typeof TemplateSchema>;

/** The demo's settings (shared/sources.ts): its id, pace and knobs. */
export type DemoConfig = Pick<SourceSettings, 'id' | 'intervalSeconds'> & DemoKnobs;

interface DemoCursor {
  emitted: number;
}

export function loadDemoTemplates(path: string): DemoTemplate[] {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const parsed = z.array(TemplateSchema).min(1).safeParse(raw);
  if (!parsed.success) throw new Error(`demo data at ${path} is malformed: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const PROFILE_URL: Partial<Record<string, (h: string, meta?: Record<string, string>) => string>> = {
  x: (h) => `https://x.com/${h}`,
  reddit: (h) => `https://www.reddit.com/user/${h}`,
  mastodon: (h, m) => `https://${m?.instance ?? 'mastodon.social'}/@${h}`,
  hackernews: (h) => `https://news.ycombinator.com/user?id=${h}`,
};

function helpfulVotes(meta: Record<string, string> | undefined): { helpfulVotes?: number } {
  const m = /^(\d+) of \d+$/.exec(meta?.helpful ?? '');
  return m ? { helpfulVotes: Number(m[1]) } : {};
}

export function createDemoSource(config: DemoConfig, templates: DemoTemplate[]): Source {
  const intervalMs = (config.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS.demo) * 1000;
  const backlog = config.backlog ?? 12;
  const limit = config.limit ?? Number.POSITIVE_INFINITY;

  function make(n: number, createdAt: Date): SourceMention {
    const t = templates[(n - 1) % templates.length]!;
    const round = Math.floor((n - 1) / templates.length);
    const { handle, name, followers, verified, listed } = t.author;
    const profileUrl = PROFILE_URL[t.channel]?.(handle, t.meta);
    const conversationId = t.conversationKey ? `demo-conv:${t.conversationKey}:${round}` : undefined;
    const id = `demo:${n}`;
    return {
      id,
      sourceId: config.id,
      channel: t.channel,
      url: t.channel === 'x' ? `https://x.com/${handle}/status/demo${n}` : undefined,
      text: t.text,
      title: t.title,
      createdAt: createdAt.toISOString(),
      author: { key: `${t.channel}:${handle}`, handle, name, url: profileUrl, followers, verified },
      rating: t.rating,
      lang: t.lang,
      conversationId,
      isRepost: t.isRepost,
      meta: t.meta,
      // Like the App Store feed: "63 of 71" found the review helpful.
      reachInputs: { followers, verified, listed, ...helpfulVotes(t.meta) },
    };
  }

  return {
    id: config.id,
    kind: 'demo',
    intervalMs,
    simulatesHistory: true,
    async poll(ctx: PollContext): Promise<PollResult> {
      const cursor = (ctx.cursor as DemoCursor | undefined) ?? { emitted: 0 };
      const now = ctx.now();
      const first = cursor.emitted === 0;
      const want = first ? backlog : (config.perPoll ?? 1 + (cursor.emitted % 2));
      const count = Math.max(0, Math.min(want, limit - cursor.emitted));
      const mentions: SourceMention[] = [];
      for (let i = 0; i < count; i++) {
        const n = cursor.emitted + i + 1;
        // The backlog is spread over the last ~70 minutes, oldest first.
        const ageMs = first ? Math.round(((count - i) / count) * 70 * 60_000) : 0;
        mentions.push(make(n, new Date(now.getTime() - ageMs)));
      }
      return { mentions, cursor: { emitted: cursor.emitted + count } satisfies DemoCursor };
    },
  };
}
