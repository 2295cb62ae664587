/** Roster and presence mapping (src-renderer/team/roster.ts, presence-marks.ts; config/team-config.ts for the desktop's choice). */
import { describe, expect, it } from 'vitest';
import { rosterItems, agentLabel } from '../../../src-renderer/team/roster';
import { initialsOf, presenceMarks, presenceLine } from '../../../src-renderer/team/presence-marks';
import { desktopTeamChoice } from '../../../src-main/config/team-config';
import { maskDatabaseUrl } from '../../../src-main/team/probe';
import type { Agent, Presence } from '../../../src-main/shared/team';

const ROSTER: Agent[] = [
  { id: 'zo', name: 'zo', role: 'agent' },
  { id: 'mk', name: 'Maria Kowalski', role: 'lead' },
  { id: 'ab', name: 'Ana Brandt', role: 'community-manager' },
];

describe('roster mapping for the assign picker', () => {
  it.each([
    [{ id: 'mk', name: 'Maria Kowalski', role: 'lead' } as Agent, 'Maria Kowalski (mk)'],
    [{ id: 'zo', name: 'zo', role: 'agent' } as Agent, 'zo'],
  ])('%o is labelled %s', (a, label) => expect(agentLabel(a)).toBe(label));

  it('me first, then the others by name with their role; every id kept', () => {
    expect(rosterItems(ROSTER, 'zo')).toEqual([
      { id: 'zo', label: 'Me — zo', hint: 'take it' },
      { id: 'ab', label: 'Ana Brandt (ab)', hint: 'community manager' },
      { id: 'mk', label: 'Maria Kowalski (mk)', hint: 'team lead' },
    ]);
  });

  it('me not in the roster yet (it was just read): still offered first, by id', () => {
    expect(rosterItems(ROSTER.slice(1), 'zo')[0]).toEqual({ id: 'zo', label: 'Me — zo', hint: 'take it' });
  });
});

describe('presence marks', () => {
  const p = (seat: string, agent: string, mentionId: string | null, activity: Presence['activity']): Presence => ({ seat, agent, mentionId, activity, heartbeatAt: '2026-11-30T01:00:00.000Z' });

  it.each([
    ['mk', undefined, 'MK'],
    ['ann', 'ann', 'AN'],
    ['mk', 'Maria Kowalski', 'MK'],
    ['x1', 'Jo van der Berg', 'JB'],
    ['q', undefined, 'Q'],
  ])('initials of %s named %s: %s', (id, name, want) => expect(initialsOf(id, name)).toBe(want));

  it('groups by mention, leaves me and nobody-open out, drafting wins across one agent\'s seats, names from the roster', () => {
    const marks = presenceMarks(
      [p('s1', 'mk', 'm1', 'viewing'), p('s2', 'mk', 'm1', 'drafting'), p('s3', 'jo', 'm1', 'viewing'), p('s4', 'me', 'm1', 'drafting'), p('s5', 'zo', null, 'viewing'), p('s6', 'ab', 'm2', 'viewing')],
      'me',
      ROSTER,
    );
    expect([...marks.keys()].sort()).toEqual(['m1', 'm2']);
    expect(marks.get('m1')).toEqual([
      { agent: 'jo', initials: 'JO', who: 'jo', drafting: false, sentence: 'jo has this open' },
      { agent: 'mk', initials: 'MK', who: 'Maria Kowalski', drafting: true, sentence: 'Maria Kowalski is writing a reply' },
    ]);
    expect(presenceLine(marks.get('m1'))).toBe('jo has this open; Maria Kowalski is writing a reply');
    expect(presenceLine(undefined)).toBe('');
  });

  it('solo (no presence): nothing', () => {
    expect(presenceMarks([], undefined, []).size).toBe(0);
  });
});

describe('the desktop\'s team choice at start', () => {
  const url = 'postgres://earshot:pw-123456@db.example.com:5432/earshot?sslmode=require';
  it('the one saved in Settings wins over the config file and the environment', () => {
    const cfg = { team: { databaseUrl: 'postgres://a:b@c/d', agent: 'zz' }, sources: [] };
    expect(desktopTeamChoice({ databaseUrl: url, agent: 'mk', name: 'Maria', role: 'lead' }, cfg, { EARSHOT_DATABASE_URL: 'postgres://e/f' })).toEqual({
      team: { databaseUrl: url, agent: 'mk', agentName: 'Maria', agentRole: 'lead' },
    });
  });
  it('nothing saved: the config file, then the environment; none: solo', () => {
    expect(desktopTeamChoice(undefined, { team: { databaseUrl: url, agent: 'jo', name: 'Jo' }, sources: [] }, {}).team).toMatchObject({ agent: 'jo', agentName: 'Jo' });
    expect(desktopTeamChoice(undefined, undefined, {})).toEqual({ team: undefined });
  });
  it('a URL in the environment without an agent: solo, and the problem says what to add', () => {
    expect(desktopTeamChoice(undefined, undefined, { EARSHOT_DATABASE_URL: url })).toEqual({ problem: expect.stringMatching(/agent id/) });
  });
});

describe('masking the database URL', () => {
  it.each([
    ['postgres://earshot:s3cret@db.example.com:5432/earshot?sslmode=require', 'postgres://earshot:••••@db.example.com:5432/earshot?sslmode=require'],
    ['postgresql://u@h/d?password=s3cret&sslmode=verify-full', 'postgresql://u@h/d?password=••••&sslmode=verify-full'],
    ['postgres://h/d', 'postgres://h/d'],
    ['not a url s3cret', '(not a URL)'],
  ])('%s -> %s', (url, masked) => {
    expect(maskDatabaseUrl(url)).toBe(masked);
    expect(maskDatabaseUrl(url)).not.toContain('s3cret');
  });
});
