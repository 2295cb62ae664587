/**
 * Topic rules (INTERFACES.md "Topic rules") and their matcher. Pure: main tags mentions with it when
 * they are heard, the renderer runs the very same code to test a rule and to re-tag past mentions,
 * and `npm run enrich` uses it too, so the three can never disagree.
 *
 * A rule matches when the text holds any term of `any` and no term of `none`. Terms are whole words
 * or phrases: "bag" matches "my bag!" but not "baggage"; "lost bag" matches "Lost   bag". Case and
 * accents do not count ("reembolso" matches "Reembolsó"), because customers type fast and on phones.
 */
import { z } from 'zod';

const term = z.string().trim().min(1, 'a term cannot be empty').max(200);

export const TopicRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use lower-case letters, digits, ".", "_" or "-" (at most 64)'),
  name: z.string().trim().min(1, 'a topic needs a name').max(120),
  any: z.array(term).min(1, 'a topic needs at least one term'),
  none: z.array(term).optional(),
});
export type TopicRule = z.infer<typeof TopicRuleSchema>;

export const TopicRulesSchema = z
  .object({ topics: z.array(TopicRuleSchema) })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.topics.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `the id "${t.id}" is used twice` });
      seen.add(t.id);
    });
  });
export type TopicRules = z.infer<typeof TopicRulesSchema>;

/**
 * Lower case, accents removed (NFD then combining marks dropped), every run of letters or digits
 * one word, joined by single spaces and padded with one space each side, so that a whole word or a
 * phrase is found with a plain substring test on " term ".
 */
export function normalizeForMatch(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  return words ? ` ${words.join(' ')} ` : ' ';
}

export interface CompiledRule {
  id: string;
  any: string[];
  none: string[];
}

const compileTerms = (terms: readonly string[] | undefined): string[] =>
  (terms ?? []).map(normalizeForMatch).filter((t) => t.trim() !== '');

/** Normalises every term once, so matching a mention is only substring tests. */
export function compileRules(rules: readonly TopicRule[]): CompiledRule[] {
  return rules.map((r) => ({ id: r.id, any: compileTerms(r.any), none: compileTerms(r.none) }));
}

/** Whether one compiled rule matches a text already passed through normalizeForMatch. */
export function ruleMatches(rule: CompiledRule, normalized: string): boolean {
  return rule.any.some((t) => normalized.includes(t)) && !rule.none.some((t) => normalized.includes(t));
}

/** Ids of the rules that match the text, in rule order; [] when none. */
export function matchTopics(rules: readonly CompiledRule[], text: string): string[] {
  const normalized = normalizeForMatch(text);
  const out: string[] = [];
  for (const r of rules) if (ruleMatches(r, normalized)) out.push(r.id);
  return out;
}

/** The text a mention is matched on: its title (reviews, posts) and its body. */
export function topicText(m: { title?: string; text: string }): string {
  return m.title ? `${m.title}\n${m.text}` : m.text;
}
