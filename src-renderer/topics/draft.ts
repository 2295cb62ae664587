/** Pure helpers of the Topics screen: terms as text, ids from names, what is wrong with a draft. */
import { TopicRulesSchema, type TopicRule } from '../../src-main/shared/enrich/topic-rules';

/** One term per line (commas also separate), blanks dropped, duplicates once. */
export function termsFromText(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((t) => t.trim()).filter(Boolean))];
}

export const termsToText = (terms: readonly string[] | undefined): string => (terms ?? []).join('\n');

/** A stable id for a new topic from its name ("Lost luggage" -> "lost-luggage"), unique among `taken`. */
export function idFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'topic';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Problems that stop a save, in words for the screen ("Topic 2 (Wifi): a topic needs at least one term"). */
export function rulesProblems(rules: readonly TopicRule[]): string[] {
  const r = TopicRulesSchema.safeParse({ topics: rules });
  if (r.success) return [];
  return r.error.issues.map((i) => {
    const idx = typeof i.path[1] === 'number' ? i.path[1] : undefined;
    const where = idx !== undefined ? `Topic ${idx + 1}${rules[idx]?.name ? ` (${rules[idx]!.name})` : ''}` : 'Topics';
    return `${where}: ${i.message}`;
  });
}

export const sameRules = (a: readonly TopicRule[], b: readonly TopicRule[]): boolean => JSON.stringify(a) === JSON.stringify(b);
