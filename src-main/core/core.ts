/**
 * The Earshot core: the log, cursors, poller, source registry and delivery, assembled as services,
 * with the bridge's command handlers. It imports nothing from Electron: the desktop app
 * (src-main/electron) and browser mode (src-main/web) are two thin transports over it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataDir } from '../config/permissions';
import { withCallTimeout } from './call-timeout';
import {
  BridgeError,
  isCommandName,
  parseRequest,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type Reply,
  commands,
} from '../shared/contract';
import type { z } from 'zod';
import { loadConfigFile, DEMO_CONFIG, type Config } from '../config/config';
import type { SecretStore } from '../config/secrets';
import { CursorStore } from './cursors';
import type { CursorStoreLike } from '../team/pg-cursors';
import type { TeamChoice } from '../config/team-config';
import type { Team } from '../team/start-team';
import { SOLO_STATUS, type TeamStatus } from '../shared/team';
import { joinTeam } from './team-seat';
import { PresenceRelay } from './presence-relay';
import { teamHandlers } from './team-commands';
import { DeliveryHub, type ClientLink } from './delivery';
import { createLogger, redact, type Logger } from './log';
import { createLogStore } from '../log/create-log-store';
import { forwardSoloRun, noteSoloRun } from '../log/solo-while-team';
import type { LogStore } from '../log/log-store';
import { parseLogEntry, type TypedLogEntry } from '../shared/log-entry';
import { followTeamTopics } from './team-topics';
import { randomUUID } from 'node:crypto';
import type { Poller } from './poller';
import { createPolling } from './polling';
import { SourceRegistry } from './registry';
import { ServiceContainer } from './services';
import { ReplyService } from './replies';
import { Enricher } from '../enrich/enrich';
import { FileTopicRuleStore, loadDefaultTopics, type TopicRuleStore } from '../enrich/topics';

export interface CoreOptions {
  dataDir: string;
  resourcesDir: string;
  mode: 'electron' | 'web';
  version: string;
  secrets: SecretStore;
  /** Sources from a --config file; otherwise the data dir's sources.json, otherwise the demo. */
  config?: Config;
  log?: Logger;
  /** Desktop: whether safeStorage really protects saved tokens (shown on the Sources screen). */
  credentialProtection?: { protected: boolean; message?: string };
  /** How long a command handler may run before the caller gets a timeout reply (default 30 s). */
  handlerTimeoutMs?: number;
  /** Join this team database (config/team-config.ts resolveTeam); absent means solo. */
  team?: TeamChoice;
  /** Team mode: how often a seat without a source's lease tries again (default 5 s; tests shorten it). */
  leaseRetryMs?: number;
}

export const HANDLER_TIMEOUT_MS = 30_000;

export interface Connection {
  handle(command: unknown, payload: unknown): Promise<Reply<unknown>>;
  close(): void;
}

type Handlers = {
  [N in CommandName]: (req: z.output<(typeof commands)[N]['request']>, clientId: number) => Promise<CommandResponse<N>>;
};

export class Core {
  readonly log: Logger;
  store!: LogStore;
  cursors!: CursorStoreLike;
  /** The running team services; undefined when solo (also when joining the team failed). */
  team: Team | undefined;
  private teamStatusNow: TeamStatus = SOLO_STATUS;
  poller!: Poller;
  registry!: SourceRegistry;
  hub!: DeliveryHub;
  private replies!: ReplyService;
  private presence!: PresenceRelay;
  private topics!: TopicRuleStore;
  private readonly enricher = new Enricher();
  private readonly services: ServiceContainer;
  private readonly handlers: Handlers;
  private sessionOnly = false;
  private stopFollowingTopics: (() => void) | undefined;

  constructor(private readonly opts: CoreOptions) {
    this.log = opts.log ?? createLogger('core');
    this.services = new ServiceContainer(this.log);
    this.handlers = {
      hello: async (req, id) => {
        const replay = await this.hub.hello(id, req.position, req.logId);
        this.presence.greet(id);
        return { ...replay, mode: opts.mode, version: opts.version, teamStatus: this.teamStatus(), agentId: this.team ? opts.team?.agent : undefined };
      },
      append: (req) => this.appendActions(req.entries),
      ack: async (req, id) => {
        this.hub.ack(id, req.position);
        return {};
      },
      listSources: async () => ({
        sources: this.registry.list(),
        health: this.poller.health(),
        credentialStorage: opts.credentialProtection ? { ...opts.credentialProtection, sessionOnly: this.sessionOnly } : undefined,
      }),
      keepCredentialsForSessionOnly: async () => {
        await opts.secrets.keepForSessionOnly?.();
        this.sessionOnly = true;
        return {};
      },
      saveSource: async (req) => {
        const source = await this.registry.save(req.source);
        await this.sourcesChanged();
        return { source };
      },
      removeSource: async (req) => {
        await this.registry.remove(req.id);
        await this.sourcesChanged();
        return {};
      },
      setSourcePaused: async (req) => {
        await this.registry.setPaused(req.id, req.paused);
        return {};
      },
      testSource: async (req) => this.registry.test(req.id),
      sendReply: async (req) => this.replies.send(req),
      openExternal: async () => ({ opened: false }),
      setAttention: async () => ({ shown: false }),
      getTopicRules: async () => this.topics.get(),
      setTopicRules: async (req) => {
        await this.topics.set(req);
        // Through the log too: every seat of a team (and the log's history) has the same rules.
        await this.appendEntries([{ id: `topic-rules:${randomUUID()}`, type: 'topic-rules', at: new Date().toISOString(), topics: req.topics }]);
        return {};
      },
      ...teamHandlers({
        team: () => this.team,
        relay: () => this.presence,
        secrets: opts.secrets,
        cannotSave:
          opts.mode === 'web'
            ? 'Browser mode keeps no secrets on disk: start it with --team URL --agent ID (or EARSHOT_DATABASE_URL and the config file’s team block).'
            : 'The OS keychain is not available, so the database URL (it holds a password) cannot be kept safely here.',
      }),
    };
  }

  /**
   * A renderer's actions into the log: each entry validated (a bad one is refused with the field at
   * fault, the others still go in); arrivals of mentions are main's alone to write.
   */
  private async appendActions(raw: readonly unknown[]): Promise<CommandResponse<'append'>> {
    const results: CommandResponse<'append'>['results'] = [];
    const valid: TypedLogEntry[] = [];
    for (const r of raw) {
      const id = String((r as { id?: unknown }).id ?? '');
      const parsed = parseLogEntry(r);
      if ('error' in parsed) results.push({ id, outcome: 'rejected', error: parsed.error });
      else if (parsed.entry.type === 'mention') results.push({ id, outcome: 'rejected', error: 'mention: only main records mentions heard' });
      else valid.push(parsed.entry);
    }
    if (valid.length) results.push(...(await this.appendEntries(valid)));
    return { results };
  }

  /** Valid entries into the log: the team's (or this seat's offline journal), else the solo journal. */
  private async appendEntries(valid: readonly TypedLogEntry[]): Promise<CommandResponse<'append'>['results']> {
    const team = this.team;
    if (team) {
      const sent = await team.uplink.submit(valid);
      if (sent.state === 'queued') return valid.map((e) => ({ id: e.id, outcome: 'queued' as const }));
      return sent.results.map((a) => ({ id: a.id, outcome: a.duplicate ? ('duplicate' as const) : ('appended' as const), position: a.position }));
    }
    return (await this.store.append(valid)).map((a) => ({ id: a.id, outcome: a.duplicate ? ('duplicate' as const) : ('appended' as const), position: a.position }));
  }

  /** Lets a transport replace a handler it implements itself (Electron's openExternal). */
  override<N extends CommandName>(name: N, fn: (req: CommandRequest<N>) => Promise<CommandResponse<N>>): void {
    (this.handlers as Record<string, unknown>)[name] = fn;
  }

  async start(): Promise<void> {
    const { dataDir, resourcesDir, secrets } = this.opts;
    // Private before anything is written: customer text and reply attempts live here.
    await prepareDataDir(dataDir, this.log);
    const savePath = SourceRegistry.savePathFor(dataDir);
    const config = this.opts.config ?? (existsSync(savePath) ? loadConfigFile(savePath) : DEMO_CONFIG);
    await this.services.start([
      {
        name: 'topics',
        start: async () => {
          // The demo ships a rule set so its Topics screen and tags show something from the start.
          const defaults = config === DEMO_CONFIG ? await loadDefaultTopics(join(resourcesDir, 'demo', 'topics.json')) : { topics: [] };
          this.topics = await FileTopicRuleStore.open(dataDir, defaults, this.log.child('topics'));
          this.enricher.setRules(this.topics.get());
          this.topics.onChange((rules) => this.enricher.setRules(rules));
        },
        stop: async () => undefined,
      },
      {
        name: 'log',
        start: async () => {
          if (this.opts.team) {
            const seat = await joinTeam(
              { choice: this.opts.team, dataDir, sourceIds: config.sources.map((s) => s.id), log: this.log.child('team'), leaseRetryMs: this.opts.leaseRetryMs },
              {
                // Lease events may come before the poller exists (the first round runs in startTeam);
                // the poller then asks `holds` when each source is added.
                onAcquired: (id) => this.poller?.setStandby(id, false),
                onLost: (id) => this.poller?.setStandby(id, true),
              },
            );
            this.team = seat.team;
            this.setTeamStatus(seat.status);
            this.team?.onStatus((st) => this.setTeamStatus(st));
          }
          // The team's log when joined; otherwise this seat's journal (also when joining failed).
          const journal = () => createLogStore({ kind: 'journal', dataDir, log: this.log.child('log') });
          const team = this.team;
          if (team) {
            // What this seat recorded while it could not join goes up now (solo-while-team.ts).
            await forwardSoloRun(dataDir, journal, (entries) => team.uplink.submit(entries), this.log.child('team')).catch((e: unknown) =>
              this.log.error(`could not send what this seat recorded while solo to the team; it is kept and sent at the next start: ${(e as Error).message}`),
            );
          }
          this.store = team ? team.log : await journal();
          if (!team && this.opts.team) await noteSoloRun(dataDir, this.store);
          this.hub = new DeliveryHub(this.store);
          this.presence = new PresenceRelay(this.team?.presence, this.log.child('presence'));
        },
        stop: async () => {
          this.presence.stop();
          this.hub.close();
          // team.stop() closes the team log with every other team service.
          await (this.team ? this.team.stop() : this.store.close());
        },
      },
      {
        name: 'team-topics',
        start: async () => {
          const team = this.team;
          if (!team) return;
          // A database that cannot answer now leaves this seat on its last adopted rules.
          this.stopFollowingTopics = await followTeamTopics(team.log, this.topics, this.log.child('topics')).catch((e: unknown) => {
            this.log.warn(`could not read the team's topic rules: ${(e as Error).message}`);
            return undefined;
          });
        },
        stop: async () => this.stopFollowingTopics?.(),
      },
      {
        name: 'cursors',
        start: async () => {
          // In a team, cursors live in the database so a takeover continues from the last since_id.
          this.cursors = this.team?.cursors ?? (await CursorStore.open(dataDir));
        },
        stop: () => this.cursors.flush(),
      },
      {
        name: 'poller',
        start: async () => {
          const team = this.team;
          ({ poller: this.poller, registry: this.registry } = createPolling({
            store: this.store,
            // A team seat's mentions go up through its uplink, which keeps them locally while offline.
            append: team ? (entries) => team.uplink.submit(entries) : undefined,
            holds: team ? (id) => team.leases.holds(id) : undefined,
            cursors: this.cursors,
            secrets,
            sources: { resourcesDir, dataDir, usageStore: team ? (id) => team.usageStore(id) : undefined },
            enrich: (m) => this.enricher.enrich(m),
            log: this.log.child('poll'),
            onHealth: (h) => this.hub.broadcast('sourceHealth', { health: [h] }),
            savePath: this.opts.config ? undefined : savePath,
          }));
          this.replies = new ReplyService(this.registry, dataDir, this.log.child('reply'), team?.attempts);
          await this.registry.load(config.sources);
          this.poller.start();
        },
        // Waits for polls in flight, so their mentions reach the log before it closes.
        stop: async () => {
          await this.poller.stop();
          await this.replies.close();
        },
      },
    ]);
  }

  stop(): Promise<void> {
    return this.services.stop();
  }

  /** The team-status hook's data: connected, offline (with entries waiting) or solo. */
  teamStatus(): TeamStatus {
    return { ...this.teamStatusNow };
  }

  private setTeamStatus(st: TeamStatus): void {
    this.teamStatusNow = st;
    this.hub?.broadcast('teamStatus', st);
  }

  /** A source was added or removed: in a team the seat competes for exactly its sources' leases. */
  private async sourcesChanged(): Promise<void> {
    await this.team?.leases.setSources(this.registry.list().map((s) => s.id));
  }

  /** A transport calls this once per client (a window, a WebSocket). */
  connect(link: ClientLink): Connection {
    const id = this.hub.attach(link);
    this.presence.attach(id, link);
    return {
      handle: (command, payload) => this.dispatch(id, command, payload),
      close: () => {
        this.hub.detach(id);
        void this.presence.detach(id);
      },
    };
  }

  private async dispatch(clientId: number, command: unknown, payload: unknown): Promise<Reply<unknown>> {
    if (!isCommandName(command)) {
      return { ok: false, error: { code: 'unknown-command', message: `unknown command ${JSON.stringify(String(command)).slice(0, 80)}` } };
    }
    const req = parseRequest(command, payload);
    if (!req.ok) return req;
    try {
      const handler = this.handlers[command] as (r: unknown, id: number) => Promise<unknown>;
      // A handler that hangs (a stuck network call) must not leave the caller waiting forever.
      return { ok: true, value: await withCallTimeout(command, this.opts.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS, handler(req.value, clientId)) };
    } catch (e) {
      // The code travels with the error (a BridgeError: not-found, timeout...); anything else failed.
      const code = e instanceof BridgeError ? e.code : 'failed';
      if (code === 'timeout') {
        this.log.warn(`${command} did not finish in time`);
        return { ok: false, error: { code, message: `${command} did not finish within ${(this.opts.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS) / 1000} s` } };
      }
      const message = redact(e instanceof Error ? e.message : String(e));
      this.log.warn(`${command} failed: ${message}`);
      return { ok: false, error: { code, message } };
    }
  }
}
