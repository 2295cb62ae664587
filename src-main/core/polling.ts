/**
 * The polling assembly: the poller (appending each poll's mentions to a log, then saving the
 * cursor), reach scoring, and the source registry that builds connectors for it. The core
 * (core.ts) and `npm run poll` (cli/poll.ts) both build their polling here, so the command line
 * runs exactly the app's code and a new part is wired once.
 */
import type { LogStore } from '../log/log-store';
import type { CursorStoreLike } from '../team/pg-cursors';
import type { SecretStore } from '../config/secrets';
import { scoreReach } from '../reach/reach';
import { createSource, type SourceContext } from '../sources/factory';
import { Poller, type PollerDeps, type ScoreReach } from './poller';
import { SourceRegistry } from './registry';
import type { Logger } from './log';

export interface PollingOptions {
  store: LogStore;
  cursors: CursorStoreLike;
  secrets: SecretStore;
  /** What connectors need from outside: resources, the data folder, a team's usage counters. */
  sources: SourceContext;
  log: Logger;
  /** Where the user's edits to sources are saved; absent when sources come from a --config file. */
  savePath?: string;
  append?: PollerDeps['append'];
  holds?: PollerDeps['holds'];
  enrich?: PollerDeps['enrich'];
  onHealth?: PollerDeps['onHealth'];
}

export interface Polling {
  poller: Poller;
  registry: SourceRegistry;
}

/** A mention's reach as stored: the score and tier (reach.ts also explains how it got there). */
export const reachOfMention: ScoreReach = (inputs, channel) => {
  const { score, tier } = scoreReach(inputs, channel);
  return { score, tier };
};

export function createPolling(o: PollingOptions): Polling {
  const poller = new Poller({
    store: o.store,
    append: o.append,
    holds: o.holds,
    cursors: o.cursors,
    score: reachOfMention,
    enrich: o.enrich,
    log: o.log,
    onHealth: o.onHealth,
  });
  const registry = new SourceRegistry({
    poller,
    secrets: o.secrets,
    factory: (cfg, creds) => createSource(cfg, creds, o.sources),
    savePath: o.savePath,
  });
  return { poller, registry };
}
