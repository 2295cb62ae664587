/**
 * From the other seats' presence to what a row or the open thread shows: per mention, one mark per
 * other agent (drafting wins over viewing when one agent has two seats), with initials for the dot
 * and the sentence a screen reader says ("mk is writing a reply").
 */
import type { Agent, Presence } from '../../src-main/shared/team';

export interface PresenceMark {
  agent: string;
  initials: string;
  /** The roster's name, else the id. */
  who: string;
  drafting: boolean;
  sentence: string;
}

/** "Maria Kowalski" -> "MK"; a one-word name or none: the id's first two characters ("mk" -> "MK"). */
export function initialsOf(agentId: string, name?: string): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (words[0]![0]! + words[words.length - 1]![0]!).toUpperCase();
  return agentId.slice(0, 2).toUpperCase();
}

export function presenceSentence(who: string, drafting: boolean): string {
  return drafting ? `${who} is writing a reply` : `${who} has this open`;
}

export function presenceMarks(others: readonly Presence[], me: string | undefined, roster: readonly Agent[]): Map<string, PresenceMark[]> {
  const names = new Map(roster.map((a) => [a.id, a.name]));
  const byMention = new Map<string, Map<string, PresenceMark>>();
  for (const p of others) {
    if (!p.mentionId || p.agent === me) continue;
    const marks = byMention.get(p.mentionId) ?? new Map<string, PresenceMark>();
    byMention.set(p.mentionId, marks);
    const drafting = p.activity === 'drafting' || Boolean(marks.get(p.agent)?.drafting);
    const name = names.get(p.agent);
    const who = name && name !== p.agent ? name : p.agent;
    marks.set(p.agent, { agent: p.agent, initials: initialsOf(p.agent, name), who, drafting, sentence: presenceSentence(who, drafting) });
  }
  const out = new Map<string, PresenceMark[]>();
  for (const [id, marks] of byMention) out.set(id, [...marks.values()].sort((a, b) => a.agent.localeCompare(b.agent)));
  return out;
}

/** One line for a row's screen-reader label: "mk is writing a reply; jo has this open". */
export function presenceLine(marks: readonly PresenceMark[] | undefined): string {
  return marks?.length ? marks.map((m) => m.sentence).join('; ') : '';
}
