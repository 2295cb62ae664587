/**
 * The Earshot core: outbox, cursors, poller, source registry and delivery, assembled as services,
 * with the bridge's command handlers. It imports nothing from Electron: the desktop app
 * (src-main/electron) and browser mode (src-main/web) are two thin transports over it.
 */
import { existsSync } from 'node:fs';
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
import { Outbox } from './outbox';
import { Poller } from './poller';
import { SourceRegistry } from './registry';
import { ServiceContainer } from './services';
import { ReplyService } from './replies';

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
  outbox!: Outbox;
  cursors!: CursorStore;
  poller!: Poller;
  registry!: SourceRegistry;
  hub!: DeliveryHub;
  private replies!: ReplyService;
  private readonly services: ServiceContainer;
  private readonly handlers: Handlers;
  private sessionOnly = false;

  constructor(private readonly opts: CoreOptions) {
    this.log = opts.log ?? createLogger('core');
    this.services = new ServiceContainer(this.log);
    this.handlers = {
      hello: async (req, id) => ({ ...this.hub.hello(id, req.lastAckedSeq, req.journalId), mode: opts.mode, version: opts.version }),
      ack: async (req, id) => {
        await this.hub.ack(id, req.seq);
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
        name: 'outbox',
        start: async () => {
          this.outbox = await Outbox.open(dataDir, { log: this.log.child('outbox') });
          this.hub = new DeliveryHub(this.outbox);
        },
        stop: async () => {
          this.hub.close();
          await this.outbox.close();
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
            outbox: this.outbox,
            cursors: this.cursors,
            score: (inputs, channel) => {
              const r = scoreReach(inputs, channel);
              return { score: r.score, tier: r.tier };
            },
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
        // Waits for polls in flight, so their mentions reach the outbox before it closes.
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
