import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTopicRuleStore } from '../../../src-main/enrich/topics';

const DEFAULTS = { topics: [{ id: 'wifi', name: 'Wifi', any: ['wifi'] }] };

describe('topics.json in the data folder', () => {
  it('starts from the defaults, saves atomically and reads back what was saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-topics-'));
    const store = await FileTopicRuleStore.open(dir, DEFAULTS);
    expect(store.get()).toEqual(DEFAULTS);
    const seen: unknown[] = [];
    store.onChange((r) => seen.push(r));
    const next = { topics: [{ id: 'refunds', name: 'Refunds', any: ['refund'], none: ['no refund needed'] }] };
    await store.set(next);
    expect(seen).toEqual([next]);
    expect(JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8'))).toEqual(next);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await FileTopicRuleStore.open(dir, DEFAULTS)).get()).toEqual(next);
  });

  it('refuses invalid rules and keeps the old ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-topics-'));
    const store = await FileTopicRuleStore.open(dir, DEFAULTS);
    await expect(store.set({ topics: [{ id: 'x', name: 'X', any: [] }] })).rejects.toThrow(/at least one term/);
    expect(store.get()).toEqual(DEFAULTS);
  });

  it('moves an unreadable file aside instead of overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-topics-'));
    writeFileSync(join(dir, 'topics.json'), '{"topics": [ broken');
    const warnings: string[] = [];
    const log = { warn: (m: string) => warnings.push(m) } as unknown as Parameters<typeof FileTopicRuleStore.open>[2];
    const store = await FileTopicRuleStore.open(dir, DEFAULTS, log);
    expect(store.get()).toEqual(DEFAULTS);
    const aside = readdirSync(dir).find((f) => f.startsWith('topics.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('{"topics": [ broken');
    expect(warnings[0]).toMatch(/not JSON/);
  });
});
