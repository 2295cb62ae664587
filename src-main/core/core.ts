/**
 * The Earshot core: the bridge's command handlers over the services that container.ts builds (the
 * log, cursors, poller, source registry, delivery, replies, presence, topic rules). It imports
 * nothing from Electron: the desktop app (src-main/electron) and browser mode (src-main/web) are
 * two thin transports over it.
 */
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
import type { Team } from '../team/start-team';
import { SOLO_STATUS, type TeamStatus } from '../shared/team';
import { teamHandlers } from './team-commands';
import type { ClientLink } from './delivery';
import { createLogger, redact, type Logger } from './log';
import { parseLogEntry, type TypedLogEntry } from '../shared/log-entry';
import { randomUUID } from 'node:crypto';
import type { Poller } from './poller';
import type { SourceRegistry } from './registry';
import { startCoreServices, type CoreOptions, type CoreServices } from './container';
import { JoinRetry } from './join-retry';
import { probeTeamDatabase } from '../team/probe';

export type { CoreOptions } from './container';

export const HANDLER_TIMEOUT_MS = 30_000;

export interface Connection {
  handle(command: unknown, payload: unknown): Promise<Reply<unknown>>;
  close(): void;
}

/** A transport's client and where it is attached now (the hub's id for it, and the parts it is on). */
interface Bound {
  link: ClientLink;
  id: number;
  parts: CoreServices;
  closed: boolean;
}

type Handlers = {
  [N in CommandName]: (req: z.output<(typeof commands)[N]['request']>, clientId: number) => Promise<CommandResponse<N>>;
};

export class Core {
  readonly log: Logger;
  /** Every part, fully built by the container (container.ts); undefined until start(). */
  private running: CoreServices | undefined;
  private teamStatusNow: TeamStatus = SOLO_STATUS;
  /** The status the services last reported (the retry adds when it tries again to its message). */
  private servicesStatus: TeamStatus = SOLO_STATUS;
  /** A team seat that could not join: tries again while it runs (join-retry.ts). */
  private retry: JoinRetry | undefined;
  /** Set while the services are restarted joined to the team: commands wait for it. */
  private switching: Promise<void> | undefined;
  private readonly clients = new Set<Bound>();
  private readonly handlers: Handlers;
  private sessionOnly = false;

  constructor(private readonly opts: CoreOptions) {
    this.log = opts.log ?? createLogger('core');
    this.handlers = {
      hello: async (req, id) => {
        const replay = await this.parts.hub.hello(id, req.position, req.logId);
        this.parts.presence.greet(id);
        return { ...replay, mode: opts.mode, version: opts.version, teamStatus: this.teamStatus(), agentId: this.team ? opts.team?.agent : undefined };
      },
      append: (req) => this.appendActions(req.entries),
      ack: async (req, id) => {
        this.parts.hub.ack(id, req.position);
        return {};
      },
      listSources: async () => ({
        sources: this.parts.registry.list(),
        health: this.parts.poller.health(),
        credentialStorage: opts.credentialProtection ? { ...opts.credentialProtection, sessionOnly: this.sessionOnly } : undefined,
      }),
      keepCredentialsForSessionOnly: async () => {
        await opts.secrets.keepForSessionOnly?.();
        this.sessionOnly = true;
        return {};
      },
      saveSource: async (req) => {
        const source = await this.parts.registry.save(req.source);
        await this.sourcesChanged();
        return { source };
      },
      removeSource: async (req) => {
        await this.parts.registry.remove(req.id);
        await this.sourcesChanged();
        return {};
      },
      setSourcePaused: async (req) => {
        await this.parts.registry.setPaused(req.id, req.paused);
        return {};
      },
      testSource: async (req) => this.parts.registry.test(req.id),
      sendReply: async (req) => this.parts.replies.send(req),
      openExternal: async () => ({ opened: false }),
      setAttention: async () => ({ shown: false }),
      getTopicRules: async () => this.parts.topics.get(),
      setTopicRules: async (req) => {
        await this.parts.topics.set(req);
        // Through the log too: every seat of a team (and the log's history) has the same rules.
        await this.appendEntries([{ id: `topic-rules:${randomUUID()}`, type: 'topic-rules', at: new Date().toISOString(), topics: req.topics }]);
        return {};
      },
      ...teamHandlers({
        team: () => this.team,
        relay: () => this.parts.presence,
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
    return (await this.parts.store.append(valid)).map((a) => ({ id: a.id, outcome: a.duplicate ? ('duplicate' as const) : ('appended' as const), position: a.position }));
  }

  /** Lets a transport replace a handler it implements itself (Electron's openExternal). */
  override<N extends CommandName>(name: N, fn: (req: CommandRequest<N>) => Promise<CommandResponse<N>>): void {
    (this.handlers as Record<string, unknown>)[name] = fn;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = await this.startServices();
    if (this.opts.team && !this.running.team) this.retryJoin();
  }

  private startServices(): Promise<CoreServices> {
    return startCoreServices(this.opts, this.log, (st) => {
      this.servicesStatus = st;
      this.setTeamStatus(st);
    });
  }

  /** Stops every part in reverse order; the stopped parts stay, so a late command meets closed parts, not a missing core. */
  async stop(): Promise<void> {
    await this.retry?.stop();
    await this.switching;
    await this.running?.stop();
  }

  /** A team seat running solo because it could not join: tries again, with backoff, until it joins. */
  private retryJoin(): void {
    this.retry = new JoinRetry({
      log: this.log.child('team'),
      minMs: this.opts.joinRetryMs?.min,
      maxMs: this.opts.joinRetryMs?.max,
      onWait: (ms) => {
        const st = this.servicesStatus;
        const said = st.message ?? 'Running solo.';
        // The reasons from pg-connect.ts end without a full stop; the status bar reads them as sentences.
        this.setTeamStatus({ ...st, message: `${/[.!?]$/.test(said) ? said : `${said}.`} Trying again in ${Math.max(1, Math.round(ms / 1000))} s.` });
      },
      attempt: () => this.rejoin(),
    });
    this.retry.start();
  }

  /**
   * One try at joining while running. A cheap probe first (nothing is stopped while the database is
   * still away); when it answers, the services are restarted joined, exactly as a start would join:
   * the solo run goes up to the team log (solo-while-team.ts, ids make a repeat harmless), and the
   * core serves the team log instead of the journal. Each connected renderer is then asked to say
   * hello again: its position names the journal's log id, so the hub replays the team log to it from
   * 0 (positions of two logs do not compare; mentions and events are keyed by id, so what it already
   * holds is not written twice).
   */
  private async rejoin(): Promise<boolean> {
    const choice = this.opts.team;
    if (!choice || this.running?.team) return true;
    const probe = await probeTeamDatabase(choice.databaseUrl);
    if (!probe.ok) {
      this.log.info(`still cannot join the team: ${probe.message}`);
      return false;
    }
    const before = this.running?.store.logId;
    let done: () => void = () => undefined;
    this.switching = new Promise<void>((resolve) => (done = resolve));
    try {
      await this.running?.stop();
      this.running = await this.startServices();
    } finally {
      this.switching = undefined;
      done();
    }
    const parts = this.running;
    for (const b of this.clients) this.bind(b, parts);
    // The status changed while no client was on the new hub.
    parts.hub.broadcast('teamStatus', this.teamStatus());
    // Only a new log needs a new hello (the join can still fail between the probe and the start).
    if (parts.store.logId !== before) for (const b of this.clients) b.link.rehello?.();
    if (parts.team) this.log.info(`joined the team as ${choice.agent} while running; ${this.clients.size} renderer(s) asked to say hello again`);
    return parts.team !== undefined;
  }

  /** Attaches a client to these parts (its hub id changes; the old hub is closed). */
  private bind(b: Bound, parts: CoreServices): void {
    if (b.closed) return;
    b.parts = parts;
    b.id = parts.hub.attach(b.link);
    parts.presence.attach(b.id, b.link);
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** The running team services; undefined when solo (also when joining the team failed) or not started. */
  get team(): Team | undefined {
    return this.running?.team;
  }

  /** The running poller and source registry (tests and transports inspect them). */
  get poller(): Poller {
    return this.parts.poller;
  }

  get registry(): SourceRegistry {
    return this.parts.registry;
  }

  /** The running parts; a command or a client arriving before start() is a programming error. */
  private get parts(): CoreServices {
    if (!this.running) throw new Error('the core is not started (call start() first)');
    return this.running;
  }

  /** The team-status hook's data: connected, offline (with entries waiting) or solo. */
  teamStatus(): TeamStatus {
    return { ...this.teamStatusNow };
  }

  private setTeamStatus(st: TeamStatus): void {
    this.teamStatusNow = st;
    this.running?.hub.broadcast('teamStatus', st);
  }

  /** A source was added or removed: in a team the seat competes for exactly its sources' leases. */
  private async sourcesChanged(): Promise<void> {
    await this.team?.leases.setSources(this.parts.registry.list().map((s) => s.id));
  }

  /** A transport calls this once per client (a window, a WebSocket). */
  connect(link: ClientLink): Connection {
    // The parts this client attached to: a transport may close its clients after stop(), and a
    // seat that joins its team while running moves its clients to the new parts (rejoin).
    const b: Bound = { link, id: 0, parts: this.parts, closed: false };
    this.bind(b, this.parts);
    this.clients.add(b);
    return {
      handle: (command, payload) => this.dispatch(b, command, payload),
      close: () => {
        b.closed = true;
        this.clients.delete(b);
        b.parts.hub.detach(b.id);
        void b.parts.presence.detach(b.id);
      },
    };
  }

  private async dispatch(client: Bound, command: unknown, payload: unknown): Promise<Reply<unknown>> {
    // While the services restart joined to the team, commands wait for the new ones.
    if (this.switching) await this.switching;
    const clientId = client.id;
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
