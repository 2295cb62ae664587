/** Builds a running Source from its config and credentials: the one place that knows every kind. */
import { join } from 'node:path';
import type { SourceConfig } from '../config/config';
import type { Credentials } from '../config/secrets';
import type { Source } from './source';
import { createDemoSource, loadDemoTemplates } from './demo/demo-source';
import { createXSource, createJsonFileUsageStore, type UsageStore } from './x';
import { createFeedSource } from './feed/feed-source';

export interface SourceContext {
  resourcesDir: string;
  dataDir: string;
  /** Team mode: X usage counters live in the team database (shared by whichever seat polls). */
  usageStore?: (sourceId: string) => UsageStore;
}

export function createSource(cfg: SourceConfig, creds: Credentials | undefined, ctx: SourceContext): Source {
  switch (cfg.kind) {
    case 'demo':
      return createDemoSource(
        { id: cfg.id, intervalSeconds: cfg.intervalSeconds, backlog: cfg.backlog, limit: cfg.limit, perPoll: cfg.perPoll },
        loadDemoTemplates(join(ctx.resourcesDir, 'demo', 'mentions.json')),
      );
    case 'x-mentions':
    case 'x-search':
      return createXSource(
        {
          id: cfg.id,
          kind: cfg.kind,
          userId: cfg.userId,
          query: cfg.query,
          apiBase: cfg.apiBase,
          intervalSeconds: cfg.intervalSeconds,
          monthlyReadBudget: cfg.monthlyReadBudget,
          timeoutSeconds: cfg.timeoutSeconds,
          maxBytes: cfg.maxBytes,
          credentials: { bearerToken: creds?.bearerToken },
        },
        // Reads this month survive restarts: budgets and projections depend on them.
        { usageStore: ctx.usageStore?.(cfg.id) ?? createJsonFileUsageStore(join(ctx.dataDir, 'x-usage', `${cfg.id}.json`)) },
      );
    case 'feed':
      if (!cfg.url) throw new Error(`feed source "${cfg.id}" needs a url`);
      return createFeedSource({
        id: cfg.id,
        url: cfg.url,
        profile: cfg.profile,
        intervalSeconds: cfg.intervalSeconds,
        timeoutSeconds: cfg.timeoutSeconds,
        maxBytes: cfg.maxBytes,
        allowPrivateNetwork: cfg.allowPrivateNetwork,
      });
    default:
      throw new Error(`source kind "${cfg.kind}" is not available in this build`);
  }
}
