/** The status bar's team line (`data-testid="team-status"`), state by state. */
import { describe, expect, it } from 'vitest';
import { teamLine } from '../../src-renderer/team/team-line';
import type { TeamStatus } from '../../src-main/shared/team';

describe('teamLine', () => {
  const cases: Array<[string, TeamStatus, string | undefined, string]> = [
    ['connected, with the agent', { state: 'connected', waiting: 0 }, 'mk', 'Team: connected as mk'],
    ['connected, agent not known yet', { state: 'connected', waiting: 0 }, undefined, 'Team: connected'],
    ['offline, many waiting', { state: 'offline', waiting: 23 }, 'mk', 'Offline, 23 changes waiting'],
    ['offline, one waiting', { state: 'offline', waiting: 1 }, 'mk', 'Offline, 1 change waiting'],
    ['solo', { state: 'solo', waiting: 0 }, undefined, 'Solo'],
    ['solo after a failed join says why', { state: 'solo', waiting: 0, message: 'wrong password' }, undefined, 'Solo · wrong password'],
  ];
  it.each(cases)('%s', (_name, status, agent, text) => {
    expect(teamLine(status, agent)).toBe(text);
  });
});
