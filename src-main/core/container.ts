/**
 * The core's service container: `startCoreServices` builds every long-lived part in dependency
 * order (topic rules, the team seat, the log, delivery, presence, cursors, replies, polling) and
 * returns them fully built, with one `stop()` that stops them in reverse. The providers for the
 * journal, cursors and polling are exported on their own, so `npm run poll` (cli/poll.ts) starts
 * exactly these parts instead of opening them by hand.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataDir } from '../config/permissions';
import { loadConfigFile, DEMO_CONFIG, type Config, type SourceConfig } from '../config/config';
import type { SecretStore } from '../config/secrets';
import type { TeamChoice } from '../config/team-config';
import type { TeamStatus } from '../shared/team';
import type { Team } from '../team/start-team';
import type { CursorStoreLike } from '../team/pg-cursors';
import { createLogStore } from '../log/create-log-store';
import { forwardSoloRun, noteSoloRun } from '../log/solo-while-team';
import type { LogStore } from '../log/log-store';
import { Enricher } from '../enrich/enrich';
import { FileTopicRuleStore, loadDefaultTopics, type TopicRuleStore } from '../enrich/topics';
import { CursorStore } from './cursors';
import { DeliveryHub } from './delivery';
import type { Logger } from './log';
import type { Poller } from './poller';
import { createPolling, type Polling } from './polling';
import { PresenceRelay } from './presence-relay';
import { SourceRegistry } from './registry';
import { ReplyService } from './replies';
import { buildServices, type ServiceContainer } from './services';
import { followTeamTopics } from './team-topics';
import { joinTeam } from './team-seat';

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
  /** A seat that could not join: the first and the longest wait between tries (default 5 s and 60 s; core/join-retry.ts). */
  joinRetryMs?: { min: number; max: number };
}

/** Every running part of the core. */
export interface CoreServices {
  readonly topics: TopicRuleStore;
  /** The running team services; undefined when solo (also when joining the team failed). */
  readonly team: Team | undefined;
  readonly store: LogStore;
  readonly hub: DeliveryHub;
  readonly presence: PresenceRelay;
  readonly cursors: CursorStoreLike;
  readonly poller: Poller;
  readonly registry: SourceRegistry;
  readonly replies: ReplyService;
  stop(): Promise<void>;
}

/** This seat's journal (solo, or a team seat that could not join), closed last. */
export function provideJournal(c: ServiceContainer, dataDir: string, log: Logger): Promise<LogStore> {
  return c.provide('log', () => createLogStore({ kind: 'journal', dataDir, log }), (store) => store.close());
}

/** The sources' cursors in the data folder, flushed when polling has stopped. */
export function provideCursors(c: ServiceContainer, dataDir: string): Promise<CursorStoreLike> {
  return c.provide('cursors', () => CursorStore.open(dataDir), (cursors) => cursors.flush());
}

/**
 * The configured sources loaded into the registry and, with `run`, the poller's schedule started.
 * Stopping waits for polls in flight, so their mentions reach the log before it closes.
 */
export function providePolling(c: ServiceContainer, polling: Polling, sources: readonly SourceConfig[], opts: { run: boolean }): Promise<void> {
  return c.provide(
    'poller',
    async () => {
      await polling.registry.load([...sources]);
      if (opts.run) polling.poller.start();
    },
    () => polling.poller.stop(),
  );
}

export function startCoreServices(opts: CoreOptions, log: Logger, onTeamStatus: (st: TeamStatus) => void): Promise<CoreServices> {
  const { dataDir, resourcesDir, secrets } = opts;
  return buildServices(log, async (c) => {
    // Private before anything is written: customer text and reply attempts live here.
    await prepareDataDir(dataDir, log);
    const savePath = SourceRegistry.savePathFor(dataDir);
    const config = opts.config ?? (existsSync(savePath) ? loadConfigFile(savePath) : DEMO_CONFIG);

    const enricher = new Enricher();
    const topics = await c.provide(
      'topics',
      async () => {
        // The demo ships a rule set so its Topics screen and tags show something from the start.
        const defaults = config === DEMO_CONFIG ? await loadDefaultTopics(join(resourcesDir, 'demo', 'topics.json')) : { topics: [] };
        const store = await FileTopicRuleStore.open(dataDir, defaults, log.child('topics'));
        enricher.setRules(store.get());
        store.onChange((rules) => enricher.setRules(rules));
        return store;
      },
      () => undefined,
    );

    // Lease events may come before the poller exists (the first round runs in startTeam); the
    // poller then asks `holds` when each source is added.
    const late: { poller?: Poller } = {};
    const team = await c.provide(
      'team',
      async () => {
        if (!opts.team) return undefined;
        const seat = await joinTeam(
          { choice: opts.team, dataDir, sourceIds: config.sources.map((s) => s.id), log: log.child('team'), leaseRetryMs: opts.leaseRetryMs },
          { onAcquired: (id) => late.poller?.setStandby(id, false), onLost: (id) => late.poller?.setStandby(id, true) },
        );
        onTeamStatus(seat.status);
        seat.team?.onStatus(onTeamStatus);
        return seat.team;
      },
      // team.stop() closes the team log with every other team service.
      (t) => t?.stop(),
    );

    // The team's log when joined; otherwise this seat's journal (also when joining failed).
    let store: LogStore;
    if (team) {
      // What this seat recorded while it could not join goes up now (solo-while-team.ts).
      const journal = () => createLogStore({ kind: 'journal', dataDir, log: log.child('log') });
      await forwardSoloRun(dataDir, journal, (entries) => team.uplink.submit(entries), log.child('team')).catch((e: unknown) =>
        log.error(`could not send what this seat recorded while solo to the team; it is kept and sent at the next start: ${(e as Error).message}`),
      );
      store = team.log;
    } else {
      store = await provideJournal(c, dataDir, log.child('log'));
      if (opts.team) await noteSoloRun(dataDir, store);
    }

    const hub = await c.provide('delivery', () => new DeliveryHub(store), (h) => h.close());
    const presence = await c.provide('presence', () => new PresenceRelay(team?.presence, log.child('presence')), (p) => p.stop());

    await c.provide(
      'team-topics',
      // A database that cannot answer now leaves this seat on its last adopted rules.
      async () =>
        team
          ? await followTeamTopics(team.log, topics, log.child('topics')).catch((e: unknown) => {
              log.warn(`could not read the team's topic rules: ${(e as Error).message}`);
              return undefined;
            })
          : undefined,
      (unfollow) => unfollow?.(),
    );

    // In a team, cursors live in the database so a takeover continues from the last since_id.
    const cursors = team ? await c.provide('cursors', () => team.cursors, (cur) => cur.flush()) : await provideCursors(c, dataDir);

    const polling = createPolling({
      store,
      // A team seat's mentions go up through its uplink, which keeps them locally while offline.
      append: team ? (entries) => team.uplink.submit(entries) : undefined,
      holds: team ? (id) => team.leases.holds(id) : undefined,
      cursors,
      secrets,
      sources: { resourcesDir, dataDir, usageStore: team ? (id) => team.usageStore(id) : undefined },
      enrich: (m) => enricher.enrich(m),
      log: log.child('poll'),
      onHealth: (h) => hub.broadcast('sourceHealth', { health: [h] }),
      savePath: opts.config ? undefined : savePath,
    });
    late.poller = polling.poller;
    const replies = await c.provide('replies', () => new ReplyService(polling.registry, dataDir, log.child('reply'), team?.attempts), (r) => r.close());
    await providePolling(c, polling, config.sources, { run: true });

    return { topics, team, store, hub, presence, cursors, poller: polling.poller, registry: polling.registry, replies };
  });
}
