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
import { createSource } from '../sources/factory';
import { scoreReach } from '../reach/reach';
import { CursorStore } from './cursors';
import { DeliveryHub, type ClientLink } from './delivery';
import { createLogger, redact, type Logger } from './log';
import { createLogStore } from '../log/create-log-store';
import type { LogStore } from '../log/log-store';
import { Poller } from './poller';
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
  cursors!: CursorStore;
  poller!: Poller;
  registry!: SourceRegistry;
  hub!: DeliveryHub;
  private replies!: ReplyService;
  private topics!: TopicRuleStore;
  private readonly enricher = new Enricher();
  private readonly services: ServiceContainer;
  private readonly handlers: Handlers;
  private sessionOnly = false;

  constructor(private readonly opts: CoreOptions) {
    this.log = opts.log ?? createLogger('core');
    this.services = new ServiceContainer(this.log);
    this.handlers = {
      hello: async (req, id) => ({ ...(await this.hub.hello(id, req.position, req.logId)), mode: opts.mode, version: opts.version }),
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
      saveSource: async (req) => ({ source: await this.registry.save(req.source) }),
      removeSource: async (req) => {
        await this.registry.remove(req.id);
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
        return {};
      },
    };
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
          this.store = await createLogStore({ kind: 'journal', dataDir, log: this.log.child('log') });
          this.hub = new DeliveryHub(this.store);
        },
        stop: async () => {
          this.hub.close();
          await this.store.close();
        },
      },
      {
        name: 'cursors',
        start: async () => {
          this.cursors = await CursorStore.open(dataDir);
        },
        stop: () => this.cursors.flush(),
      },
      {
        name: 'poller',
        start: async () => {
          this.poller = new Poller({
            store: this.store,
            cursors: this.cursors,
            score: (inputs, channel) => {
              const r = scoreReach(inputs, channel);
              return { score: r.score, tier: r.tier };
            },
            enrich: (m) => this.enricher.enrich(m),
            log: this.log.child('poll'),
            onHealth: (h) => this.hub.broadcast('sourceHealth', { health: [h] }),
          });
          this.registry = new SourceRegistry({
            poller: this.poller,
            secrets,
            factory: (cfg, creds) => createSource(cfg, creds, { resourcesDir, dataDir }),
            savePath: this.opts.config ? undefined : savePath,
          });
          this.replies = new ReplyService(this.registry, dataDir, this.log.child('reply'));
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

  /** A transport calls this once per client (a window, a WebSocket). */
  connect(link: ClientLink): Connection {
    const id = this.hub.attach(link);
    return {
      handle: (command, payload) => this.dispatch(id, command, payload),
      close: () => this.hub.detach(id),
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
      if (e instanceof BridgeError && e.code === 'timeout') {
        this.log.warn(`${command} did not finish in time`);
        return { ok: false, error: { code: 'timeout', message: `${command} did not finish within ${(this.opts.handlerTimeoutMs ?? HANDLER_TIMEOUT_MS) / 1000} s` } };
      }
      const message = redact(e instanceof Error ? e.message : String(e));
      this.log.warn(`${command} failed: ${message}`);
      return { ok: false, error: { code: /^no source with id/.test(message) ? 'not-found' : 'failed', message } };
    }
  }
}
