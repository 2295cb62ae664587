/**
 * The bridge contract: every command (renderer -> main, request -> response) and every event
 * (main -> renderer) Earshot's two processes exchange, declared once with zod schemas. Types are
 * derived from the schemas; channel names are derived here and written nowhere else.
 *
 * Both sides validate what arrives: main validates requests, the renderer validates responses and
 * events. A message that fails gets a clear error naming the field, never a crash.
 */
import { z } from 'zod';
import {
  TeamStatusSchema,
  AgentSchema,
  PresenceInputSchema,
  PresenceEventSchema,
  TeamSettingsSummarySchema,
  TeamConnectionInputSchema,
  TeamConnectionResultSchema,
  TeamSettingsInputSchema,
} from './team';
import { MentionSchema } from './mention';
import { TopicRulesSchema } from './enrich/topic-rules';
import { LogEntryEnvelopeSchema } from './log-entry';
import { SourceHealthSchema, SourceSummarySchema, SourceSettingsSchema, checkSourceSettings } from './sources';

const Empty = z.object({}).strict();

/** Credentials travel renderer -> main once, when the user types them; they never travel back. */
export const CredentialsInputSchema = z
  .object({
    bearerToken: z.string().min(1).optional(),
    userAccessToken: z.string().min(1).optional(),
    refreshToken: z.string().min(1).optional(),
    clientId: z.string().min(1).optional(),
    oauth1: z
      .object({ appKey: z.string().min(1), appSecret: z.string().min(1), accessToken: z.string().min(1), accessSecret: z.string().min(1) })
      .optional(),
  })
  .strict();

/** What the Sources screen saves: a source's settings (one schema, shared with the config file) and new credentials. */
export const SourceInputSchema = SourceSettingsSchema.extend({ credentials: CredentialsInputSchema.optional() }).strict().superRefine(checkSourceSettings);
export type SourceInput = z.infer<typeof SourceInputSchema>;

/**
 * One page of the log as delivery sends it: consecutive entries after the position the renderer
 * has applied. The one batch type of delivery (main's hub, the event, the renderer's apply).
 */
export const LogPageSchema = z.object({
  entries: z.array(z.object({ position: z.number().int().positive(), entry: LogEntryEnvelopeSchema })).min(1),
});
export type LogPage = z.infer<typeof LogPageSchema>;

/**
 * A page as bytes (shared/entries-frame.ts; browser mode's socket, the desktop app's IPC): its
 * positions read from the header, its entries still bytes, parsed and checked where they are written.
 */
export interface EncodedLogPage {
  bytes: Uint8Array;
  count: number;
  first: number;
  last: number;
}
/** A page as delivery queues it: parsed (the contract's `entries` event: tests, a socket that did not ask for bytes) or still encoded. */
export type DeliveredPage = LogPage | EncodedLogPage;
export const isEncodedPage = (p: DeliveredPage): p is EncodedLogPage => 'bytes' in p;
/** How many entries a delivered page holds, and the position of its last. */
export const pageCount = (p: DeliveredPage): number => (isEncodedPage(p) ? p.count : p.entries.length);
export const pageLast = (p: DeliveredPage): number => (isEncodedPage(p) ? p.last : p.entries[p.entries.length - 1]!.position);

export const commands = {
  /**
   * Sent on every (re)connect with the position the renderer has applied; main replays every entry
   * after it in pages, then streams new ones. A `logId` that is not main's (another data folder)
   * means the position means nothing here: main starts that renderer from 0.
   */
  hello: {
    request: z
      .object({
        position: z.number().int().nonnegative(),
        logId: z.string().optional(),
      })
      .strict(),
    response: z.object({
      logId: z.string(),
      mode: z.enum(['electron', 'web']),
      version: z.string(),
      /** Where main starts this client from (0 when the logId differed). */
      from: z.number().int().nonnegative(),
      /** The log's head: the highest position main has. */
      head: z.number().int().nonnegative(),
      /** The team connection now (later changes come as `teamStatus` events); solo seats say `solo`. */
      teamStatus: TeamStatusSchema,
      /** A team seat's agent id: the renderer's "me" (absent solo). */
      agentId: z.string().optional(),
    }),
  },
  /**
   * This seat's actions, for the log (entries of shared/log-entry.ts, each with its own stable id).
   * Main validates each and appends the valid ones in order (solo: the journal; team: the database,
   * or the seat's local journal while it is offline). Appending an id twice stores it once. The
   * entries come back through delivery, in log order, like everyone else's.
   */
  append: {
    // Each entry is validated on its own (core.ts), so one bad entry is refused and the rest go in.
    request: z.object({ entries: z.array(z.unknown()).min(1).max(500) }).strict(),
    response: z.object({
      results: z.array(
        z.object({
          id: z.string(),
          /** appended (now in the log), duplicate (was already), queued (offline: waits in this seat's journal), rejected (invalid: `error` says why). */
          outcome: z.enum(['appended', 'duplicate', 'queued', 'rejected']),
          position: z.number().int().positive().optional(),
          error: z.string().optional(),
        }),
      ),
    }),
  },
  /** The renderer has applied every entry up to and including `position` (flow control only). */
  ack: { request: z.object({ position: z.number().int().positive() }).strict(), response: Empty },
  listSources: {
    request: Empty,
    response: z.object({
      sources: z.array(SourceSummarySchema),
      health: z.array(SourceHealthSchema),
      /** Desktop only: whether saved tokens are really protected (Linux without a keyring is not). */
      credentialStorage: z.object({ protected: z.boolean(), sessionOnly: z.boolean(), message: z.string().optional() }).optional(),
    }),
  },
  /** Stop writing tokens to disk (and remove what was written): they live in memory until quit. */
  keepCredentialsForSessionOnly: { request: Empty, response: Empty },
  saveSource: { request: z.object({ source: SourceInputSchema }).strict(), response: z.object({ source: SourceSummarySchema }) },
  removeSource: { request: z.object({ id: z.string().min(1) }).strict(), response: Empty },
  setSourcePaused: { request: z.object({ id: z.string().min(1), paused: z.boolean() }).strict(), response: Empty },
  /** Runs one poll of a source without touching its cursor or the log, and shows what came back. */
  testSource: {
    request: z.object({ id: z.string().min(1) }).strict(),
    response: z.object({ mentions: z.array(MentionSchema), health: SourceHealthSchema }),
  },
  sendReply: {
    request: z
      .object({
        mentionId: z.string().min(1),
        text: z.string().min(1).max(25000),
        /** Chosen by the renderer once per draft send; a retry reuses it so a reply is never posted twice. */
        attemptId: z.string().min(8).max(100),
      })
      .strict(),
    response: z.object({ replyId: z.string(), url: z.string(), postedAt: z.string() }),
  },
  /** Opens an http(s) link in the system browser (Electron); browser mode answers opened:false. */
  openExternal: {
    request: z.object({ url: z.string().url() }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * How many mentions need attention now (assigned to me or unassigned, near or past breach), for the
   * dock/taskbar badge in the desktop app. Browser mode answers shown:false (the page uses its title).
   */
  setAttention: {
    request: z.object({ count: z.number().int().nonnegative() }).strict(),
    response: z.object({ shown: z.boolean() }),
  },
  /** The team's topic rules (solo mode: main's topics.json); new mentions are tagged with them. */
  getTopicRules: { request: Empty, response: TopicRulesSchema },
  /** Replaces the rules; main tags every mention heard from now on with them (the renderer re-tags past ones). */
  setTopicRules: { request: TopicRulesSchema, response: Empty },
  /** Team mode: which mention this renderer has open and whether it is drafting (solo: ignored). */
  setPresence: { request: PresenceInputSchema, response: Empty },
  /** The team's roster, for the assign picker (solo: empty). */
  listAgents: { request: Empty, response: z.object({ agents: z.array(AgentSchema) }) },
  /** Settings' Team section: the saved choice (URL masked), and whether it can be saved here. */
  getTeamSettings: { request: Empty, response: TeamSettingsSummarySchema },
  testTeamConnection: { request: TeamConnectionInputSchema, response: TeamConnectionResultSchema },
  /** Saves (or, with `team: null`, forgets) the team choice for the next start; never swaps the running log. */
  saveTeamSettings: { request: TeamSettingsInputSchema, response: TeamSettingsSummarySchema },
} as const;

export const events = {
  entries: LogPageSchema,
  sourceHealth: z.object({ health: z.array(SourceHealthSchema) }),
  /** The team connection changed (connected, offline with entries waiting, solo). */
  teamStatus: TeamStatusSchema,
  /** Who else (other seats) has which mention open or is drafting; sent whole on each change. */
  presence: PresenceEventSchema,
} as const;

type Commands = typeof commands;
type Events = typeof events;
export type CommandName = keyof Commands;
export type EventName = keyof Events;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<Commands[N]['response']>;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** IPC channel names, derived: the only place a channel string is made. */
export const commandChannel = (name: CommandName): string => `earshot:cmd:${name}`;
export const eventChannel = (name: EventName): string => `earshot:evt:${name}`;
/** Delivery's pages as bytes (shared/entries-frame.ts), main to the preload, instead of `entries`' parsed pages. */
export const ENCODED_ENTRIES_CHANNEL = `${eventChannel('entries')}:encoded`;

export type ConnectionState = 'connecting' | 'open' | 'closed';
export type Unsubscribe = () => void;

type EventMethodName<E extends EventName> = `on${Capitalize<E>}`;
export const eventMethodName = <E extends EventName>(e: E): EventMethodName<E> =>
  `on${e[0]!.toUpperCase()}${e.slice(1)}` as EventMethodName<E>;

/** The bridge: a finite object of named methods, never a generic invoke. Three implementations share it. */
export type Bridge = { [N in CommandName]: (req: CommandRequest<N>) => Promise<CommandResponse<N>> } & {
  [E in EventName as EventMethodName<E>]: (cb: (payload: EventPayload<E>) => void) => Unsubscribe;
} & {
  /** Called with 'open' on every (re)connect; the delivery client says hello then. */
  onConnection: (cb: (state: ConnectionState) => void) => Unsubscribe;
  /** Pages that arrive still encoded (browser mode's socket, the desktop app's IPC), besides `onEntries`' parsed ones. */
  onEncodedEntries?: (cb: (page: EncodedLogPage) => void) => Unsubscribe;
};

/** What travels back for every command, on every transport. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: BridgeErrorShape };
export type BridgeErrorShape = { code: BridgeErrorCode; message: string };
export type BridgeErrorCode = 'invalid' | 'unknown-command' | 'not-found' | 'failed' | 'timeout' | 'disconnected';

export const ReplySchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(['invalid', 'unknown-command', 'not-found', 'failed', 'timeout', 'disconnected']),
      message: z.string(),
    }),
  }),
]);

/**
 * The WebSocket envelope (browser mode): the browser sends numbered commands, main answers each by
 * its number and pushes events. web/server.ts and bridge/websocket-bridge.ts both parse with these.
 */
export const SocketCommandSchema = z.object({ id: z.number().int().nonnegative(), command: z.string().max(100), payload: z.unknown() });
export const SocketReplySchema = z.object({ id: z.number().int().nonnegative().nullable(), reply: ReplySchema });
export const SocketEventSchema = z.object({ event: z.string(), payload: z.unknown() });
export type SocketCommand = z.infer<typeof SocketCommandSchema>;
export type SocketReply = { id: number | null; reply: Reply<unknown> };
export type SocketEvent = { event: EventName; payload: unknown };

export class BridgeError extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** "hello.position: expected number, received string" — names the field that is wrong. */
export function describeZodError(where: string, error: z.ZodError): string {
  return error.issues
    .map((i) => `${[where, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

export function parseRequest<N extends CommandName>(name: N, raw: unknown): Reply<z.output<Commands[N]['request']>> {
  const r = commands[name].request.safeParse(raw);
  return r.success
    ? { ok: true, value: r.data as z.output<Commands[N]['request']> }
    : { ok: false, error: { code: 'invalid', message: describeZodError(name, r.error) } };
}

export function parseResponse<N extends CommandName>(name: N, raw: unknown): CommandResponse<N> {
  const r = commands[name].response.safeParse(raw);
  if (!r.success) throw new BridgeError('invalid', `main answered ${describeZodError(name, r.error)}`);
  return r.data as CommandResponse<N>;
}

export function parseBridgeEvent<E extends EventName>(name: E, raw: unknown): Reply<EventPayload<E>> {
  const r = events[name].safeParse(raw);
  return r.success
    ? { ok: true, value: r.data as EventPayload<E> }
    : { ok: false, error: { code: 'invalid', message: describeZodError(name, r.error) } };
}

/** Turns a transport's Reply into a value or a thrown BridgeError (validating the value on the way). */
export function unwrapReply<N extends CommandName>(name: N, raw: unknown): CommandResponse<N> {
  const env = ReplySchema.safeParse(raw);
  if (!env.success) throw new BridgeError('invalid', `main answered ${name} with a malformed reply`);
  if (!env.data.ok) throw new BridgeError(env.data.error.code, env.data.error.message);
  return parseResponse(name, env.data.value);
}
