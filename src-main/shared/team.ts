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
