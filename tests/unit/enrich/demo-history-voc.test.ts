/**
 * The demo history's voice-of-the-customer story: its texts carry exactly what main's enricher
 * computes, it speaks five languages, app and wifi complaints rise over the four weeks, and Spanish
 * mentions wait about 1.8x longer for a first reply (the bias a lead finds by language).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Enricher } from '../../../src-main/enrich/enrich';
import { parseTopicRules } from '../../../src-main/enrich/topics';
import { DEMO_TEXTS } from '../../../src-renderer/demo-history/demo-texts';
import { generateDemoHistory } from '../../../src-renderer/demo-history/generate';
import type { Mention } from '../../../src-main/shared/mention';

const RULES_PATH = join(__dirname, '../../../resources/demo/topics.json');
const END = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

describe('demo history texts', () => {
  it('hold the sentiment and topics the app computes for them with the demo rules', () => {
    const enricher = new Enricher(parseTopicRules(readFileSync(RULES_PATH, 'utf8'), RULES_PATH));
    for (const t of DEMO_TEXTS) {
      expect({ lang: t.lang, sentiment: t.sentiment, topics: t.topics }, t.text).toEqual(enricher.compute({ text: t.text, lang: t.lang }));
      expect(t.topics, t.text).toContain(t.topic);
    }
  });
});

describe('demo history over four weeks', () => {
  const events = generateDemoHistory({ endMs: END });
  const mentions = events.flatMap((e) => (e.type === 'mention' ? [e.mention as Mention] : []));
  const firstReply = new Map<string, number>();
  for (const e of events) if (e.type === 'replied' && !firstReply.has(e.mentionId)) firstReply.set(e.mentionId, Date.parse(e.at));

  it('speaks English, Spanish, Portuguese, French and German', () => {
    const share = (l: string) => mentions.filter((m) => m.lang === l).length / mentions.length;
    expect(share('en')).toBeGreaterThan(0.5);
    expect(share('es')).toBeGreaterThan(0.12);
    expect(share('pt')).toBeGreaterThan(0.06);
    expect(share('fr')).toBeGreaterThan(0.02);
    expect(share('de')).toBeGreaterThan(0.02);
  });

  it('has app and wifi complaints rising week by week, lost luggage level', () => {
    const start = Math.floor(END / DAY) * DAY - 28 * DAY;
    const weekShare = (topic: string, w: number) => {
      const inWeek = mentions.filter((m) => Math.floor((Date.parse(m.createdAt) - start) / (7 * DAY)) === w);
      return inWeek.filter((m) => m.topics?.includes(topic)).length / inWeek.length;
    };
    for (const topic of ['app', 'wifi']) {
      expect(weekShare(topic, 1)).toBeGreaterThan(weekShare(topic, 0));
      expect(weekShare(topic, 3)).toBeGreaterThan(weekShare(topic, 2));
      expect(weekShare(topic, 3)).toBeGreaterThan(2 * weekShare(topic, 0));
    }
    expect(weekShare('lost-luggage', 3)).toBeLessThan(weekShare('lost-luggage', 0) * 1.2);
  });

  it('answers Spanish about 1.8x slower than English (median first reply)', () => {
    const median = (lang: string) => {
      const waits = mentions
        .filter((m) => m.lang === lang && firstReply.has(m.id))
        .map((m) => firstReply.get(m.id)! - Date.parse(m.createdAt))
        .sort((a, b) => a - b);
      return waits[Math.floor(waits.length / 2)]!;
    };
    const ratio = median('es') / median('en');
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2.2);
  });
});
