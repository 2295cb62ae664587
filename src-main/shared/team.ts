/**
 * What the UI shows of team mode: the connection state behind the status bar's
 * `data-testid="team-status"` (INTERFACES.md "Hooks"), the roster of agents, and who has which
 * mention open or is drafting (presence). Pure schemas: main validates what it sends, the
 * renderer what it receives.
 */
import { z } from 'zod';

export const TeamStatusSchema = z.object({
  state: z.enum(['connected', 'offline', 'solo']),
  /** Entries waiting in this seat's local journal to go up to the team database. */
  waiting: z.number().int().nonnegative(),
  message: z.string().optional(),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export const SOLO_STATUS: TeamStatus = { state: 'solo', waiting: 0 };

export const AGENT_ROLES = ['agent', 'community-manager', 'lead'] as const;
export const AgentSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i, 'an agent id is letters, digits, ".", "_" or "-" (at most 40)'),
  name: z.string().min(1).max(100),
  role: z.enum(AGENT_ROLES),
});
export type Agent = z.infer<typeof AgentSchema>;

export const PresenceSchema = z.object({
  seat: z.string(),
  agent: z.string(),
  mentionId: z.string().nullable(),
  activity: z.enum(['viewing', 'drafting']),
  /** When the seat last said it was still there; presence older than ~30 s is gone. */
  heartbeatAt: z.string(),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** What the renderer says about itself: the mention it has open (null: none), and whether it is drafting a reply. */
export const PresenceInputSchema = z
  .object({
    mentionId: z.string().min(1).max(300).nullable(),
    activity: z.enum(['viewing', 'drafting']),
  })
  .strict();
export type PresenceInput = z.infer<typeof PresenceInputSchema>;

/** The other seats' presence, whole each time (a handful of rows): the renderer replaces what it had. */
export const PresenceEventSchema = z.object({ others: z.array(PresenceSchema) });

/**
 * The Settings screen's Team section. The database URL holds a password: it travels renderer ->
 * main when typed, and comes back only masked (`postgres://earshot:••••@host/db`).
 */
export const TeamSettingsSummarySchema = z.object({
  /** What is saved for the next start (null: solo). */
  saved: z
    .object({ databaseUrl: z.string(), agent: z.string(), name: z.string().optional(), role: z.enum(AGENT_ROLES).optional() })
    .nullable(),
  /** Whether this seat can keep the URL safely (desktop with the OS keychain); if not, why and what to do instead. */
  canSave: z.boolean(),
  whyNot: z.string().optional(),
  /** The saved choice is not what this seat runs now: it takes effect after a restart. */
  restartNeeded: z.boolean(),
});
export type TeamSettingsSummary = z.infer<typeof TeamSettingsSummarySchema>;

const agentIdField = AgentSchema.shape.id;

export const TeamConnectionInputSchema = z
  .object({
    /** Absent: the saved URL. */
    databaseUrl: z.string().min(1).max(2000).optional(),
  })
  .strict();

export const TeamConnectionResultSchema = z.object({
  ok: z.boolean(),
  /** Why it failed: `url` (malformed or unknown host/database), `password`, `unreachable`, `schema` (newer), `other`. */
  problem: z.enum(['url', 'password', 'unreachable', 'schema', 'other']).optional(),
  message: z.string(),
});
export type TeamConnectionResult = z.infer<typeof TeamConnectionResultSchema>;

export const TeamSettingsInputSchema = z
  .object({
    team: z
      .object({
        /** Absent: keep the saved URL. */
        databaseUrl: z.string().min(1).max(2000).optional(),
        agent: agentIdField,
        name: z.string().min(1).max(100).optional(),
        role: z.enum(AGENT_ROLES).optional(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type TeamSettingsInput = z.infer<typeof TeamSettingsInputSchema>;
