/**
 * Settings' Team section: the saved URL shown only masked, the connection test's message shown as
 * main words it, Save asking for a restart, and a seat that cannot keep secrets saying why.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { render, screen, fireEvent, waitFor, cleanup, configure } from '@testing-library/react';
import { TeamSettings } from '../../src-renderer/settings/TeamSettings';
import type { TeamSettingsSummary } from '../../src-main/shared/team';
import { memoryBridge, resetUi } from './helpers/dom';

configure({ asyncUtilTimeout: 4000 });
afterEach(cleanup);

const MASKED = 'postgres://earshot:••••@db.example.com:5432/earshot?sslmode=require';

function setup(initial: TeamSettingsSummary) {
  resetUi();
  let saved = initial;
  const mb = memoryBridge({
    getTeamSettings: () => saved,
    testTeamConnection: (req) =>
      req.databaseUrl?.includes('wrong')
        ? { ok: false, problem: 'password', message: 'The team database db.example.com:5432/earshot refused the password for user "earshot": check the URL\'s password' }
        : { ok: true, message: 'Connected to db.example.com:5432/earshot: Earshot\'s tables are there (version 3), 2 agents in the roster.' },
    saveTeamSettings: (req) => {
      saved = { ...saved, saved: req.team ? { databaseUrl: MASKED, agent: req.team.agent, name: req.team.name, role: req.team.role } : null, restartNeeded: true };
      return saved;
    },
  });
  render(<TeamSettings />);
  return mb;
}

describe('Settings: Team', () => {
  it('tests a typed URL and shows what is wrong; saves; the URL field empties and the saved one shows masked; asks for a restart', async () => {
    const mb = setup({ saved: null, canSave: true, restartNeeded: false });
    const url = await screen.findByTestId('team-url');
    expect(url.getAttribute('type')).toBe('password');
    fireEvent.change(url, { target: { value: 'postgres://earshot:wrong@db.example.com:5432/earshot?sslmode=require' } });
    fireEvent.click(screen.getByTestId('team-test'));
    await waitFor(() => expect(screen.getByTestId('team-result').textContent).toMatch(/✗ .*refused the password/));
    expect(screen.getByTestId('team-result').className).toContain('error');

    fireEvent.change(url, { target: { value: 'postgres://earshot:right-pw@db.example.com:5432/earshot?sslmode=require' } });
    fireEvent.click(screen.getByTestId('team-test'));
    await waitFor(() => expect(screen.getByTestId('team-result').textContent).toMatch(/✓ Connected/));

    const save = screen.getByTestId('team-save') as HTMLButtonElement;
    expect(save.disabled).toBe(true); // no agent id yet
    fireEvent.change(screen.getByTestId('team-agent'), { target: { value: 'm k' } });
    fireEvent.change(screen.getByTestId('team-agent'), { target: { value: 'mk!' } });
    expect(screen.getByText(/An agent id is letters/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('team-agent'), { target: { value: 'mk' } });
    fireEvent.change(screen.getByTestId('team-role'), { target: { value: 'lead' } });
    fireEvent.click(save);
    await waitFor(() => expect(screen.getByTestId('team-result').textContent).toMatch(/Restart Earshot/));
    expect(mb.calls.find((c) => c.name === 'saveTeamSettings')!.req).toEqual({
      team: { databaseUrl: 'postgres://earshot:right-pw@db.example.com:5432/earshot?sslmode=require', agent: 'mk', role: 'lead' },
    });
    expect((screen.getByTestId('team-url') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('team-saved-url').textContent).toBe(MASKED);
    expect(document.body.textContent).not.toContain('right-pw');
  });

  it('a saved choice: the URL is not sent back, an empty field keeps it (test and save send no URL)', async () => {
    const mb = setup({ saved: { databaseUrl: MASKED, agent: 'jo' }, canSave: true, restartNeeded: false });
    await screen.findByTestId('team-saved-url');
    expect((screen.getByTestId('team-agent') as HTMLInputElement).value).toBe('jo');
    fireEvent.click(screen.getByTestId('team-test'));
    await waitFor(() => expect(screen.getByTestId('team-result').textContent).toMatch(/✓/));
    expect(mb.calls.find((c) => c.name === 'testTeamConnection')!.req).toEqual({});
    fireEvent.click(screen.getByTestId('team-save'));
    await waitFor(() => expect(mb.calls.some((c) => c.name === 'saveTeamSettings')).toBe(true));
    expect(mb.calls.find((c) => c.name === 'saveTeamSettings')!.req).toEqual({ team: { agent: 'jo' } });
    fireEvent.click(await screen.findByTestId('team-leave'));
    await waitFor(() => expect(screen.getByTestId('team-result').textContent).toMatch(/solo from the next start/));
    expect(mb.calls.filter((c) => c.name === 'saveTeamSettings').at(-1)!.req).toEqual({ team: null });
  });

  it('browser mode (no keychain): testing works, saving is off and the section says how to join instead', async () => {
    setup({ saved: null, canSave: false, whyNot: 'Browser mode keeps no secrets on disk: start it with --team URL --agent ID.', restartNeeded: false });
    await screen.findByTestId('team-why-not');
    expect(screen.getByTestId('team-why-not').textContent).toMatch(/--team URL --agent ID/);
    fireEvent.change(screen.getByTestId('team-url'), { target: { value: 'postgres://a:b@c/d' } });
    fireEvent.change(screen.getByTestId('team-agent'), { target: { value: 'mk' } });
    expect((screen.getByTestId('team-save') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('team-test') as HTMLButtonElement).disabled).toBe(false);
  });
});
