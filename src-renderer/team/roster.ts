/**
 * The assign picker's choices in team mode: the team's roster (id, name, role) with me first, every
 * other agent by name. Solo there is no roster: the picker offers the agents seen in the data and
 * takes free text.
 */
import type { Agent } from '../../src-main/shared/team';

export const AGENT_ROLE_LABEL: Record<Agent['role'], string> = {
  agent: 'agent',
  'community-manager': 'community manager',
  lead: 'team lead',
};

export interface RosterItem {
  id: string;
  label: string;
  hint?: string;
}

/** "Maria Kowalski (mk)", or the id alone when the roster has no other name for it. */
export function agentLabel(a: Agent): string {
  return a.name && a.name !== a.id ? `${a.name} (${a.id})` : a.id;
}

export function rosterItems(agents: readonly Agent[], me: string): RosterItem[] {
  const mine = agents.find((a) => a.id === me);
  const others = agents.filter((a) => a.id !== me).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return [
    { id: me, label: `Me — ${mine ? agentLabel(mine) : me}`, hint: 'take it' },
    ...others.map((a) => ({ id: a.id, label: agentLabel(a), hint: AGENT_ROLE_LABEL[a.role] })),
  ];
}
