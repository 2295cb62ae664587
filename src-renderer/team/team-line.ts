import type { TeamStatus } from '../../src-main/shared/team';

/** "Team: connected as mk", "Offline, 23 changes waiting", "Solo" (the reason a join failed is in the title). */
export function teamLine(team: TeamStatus, agentId: string | undefined): string {
  if (team.state === 'connected') return agentId ? `Team: connected as ${agentId}` : 'Team: connected';
  if (team.state === 'offline') return `Offline, ${team.waiting.toLocaleString('en-US')} change${team.waiting === 1 ? '' : 's'} waiting`;
  // A seat that could not join says why where the user looks, not only in the log.
  return team.message ? `Solo · ${team.message}` : 'Solo';
}
