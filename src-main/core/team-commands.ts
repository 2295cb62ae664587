/**
 * The bridge commands of team mode that are not the log: presence (relayed by presence-relay.ts),
 * the roster for the assign picker, and Settings' Team section. Saving a team choice stores it in
 * the SecretStore (its URL holds the database password) for the next start: the running log is
 * never swapped under a live inbox, the UI asks for a restart instead. The URL goes back to the
 * renderer only masked.
 */
import type { z } from 'zod';
import type { CommandResponse, commands } from '../shared/contract';
import type { SavedTeam, SecretStore } from '../config/secrets';
import type { Team } from '../team/start-team';
import type { TeamSettingsSummary } from '../shared/team';
import { parseDatabaseUrl } from '../team/pg-connect';
import { maskDatabaseUrl, probeTeamDatabase } from '../team/probe';
import type { PresenceRelay } from './presence-relay';

type TeamCommand = 'setPresence' | 'listAgents' | 'getTeamSettings' | 'testTeamConnection' | 'saveTeamSettings';
export type TeamHandlers = {
  [N in TeamCommand]: (req: z.output<(typeof commands)[N]['request']>, clientId: number) => Promise<CommandResponse<N>>;
};

export interface TeamCommandContext {
  team(): Team | undefined;
  relay(): PresenceRelay;
  secrets: SecretStore;
  /** Why this seat cannot save a team choice when its SecretStore keeps nothing on disk. */
  cannotSave: string;
}

const sameTeam = (a: SavedTeam | undefined, b: SavedTeam | undefined): boolean =>
  JSON.stringify(a ? [a.databaseUrl, a.agent, a.name, a.role] : null) === JSON.stringify(b ? [b.databaseUrl, b.agent, b.name, b.role] : null);

export function teamHandlers(ctx: TeamCommandContext): TeamHandlers {
  // What was saved when this process started: a restart is needed once the saved choice differs.
  const atStart = ctx.secrets.team();
  const view = (): TeamSettingsSummary => {
    const saved = ctx.secrets.team();
    return {
      saved: saved ? { databaseUrl: maskDatabaseUrl(saved.databaseUrl), agent: saved.agent, name: saved.name, role: saved.role } : null,
      canSave: ctx.secrets.persistent,
      whyNot: ctx.secrets.persistent ? undefined : ctx.cannotSave,
      restartNeeded: !sameTeam(saved, atStart),
    };
  };
  return {
    setPresence: async (req, clientId) => {
      await ctx.relay().set(clientId, req);
      return {};
    },
    listAgents: async () => ({ agents: (await ctx.team()?.agents()) ?? [] }),
    getTeamSettings: async () => view(),
    testTeamConnection: async (req) => {
      const url = req.databaseUrl ?? ctx.secrets.team()?.databaseUrl;
      if (!url) return { ok: false, problem: 'url', message: 'Enter the team database URL first, e.g. postgres://earshot:PASSWORD@db.example.com:5432/earshot?sslmode=verify-full' };
      return probeTeamDatabase(url);
    },
    saveTeamSettings: async (req) => {
      if (!ctx.secrets.persistent) throw new Error(ctx.cannotSave);
      if (!req.team) {
        await ctx.secrets.setTeam(undefined);
        return view();
      }
      const databaseUrl = req.team.databaseUrl ?? ctx.secrets.team()?.databaseUrl;
      if (!databaseUrl) throw new Error('Enter the team database URL to save');
      parseDatabaseUrl(databaseUrl); // a malformed URL is refused with a message that says what is wrong
      await ctx.secrets.setTeam({ databaseUrl, agent: req.team.agent.toLowerCase(), name: req.team.name, role: req.team.role });
      return view();
    },
  };
}
