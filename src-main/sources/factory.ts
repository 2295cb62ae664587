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

/** The settings are passed as they are: each connector's config type is a Pick of the one settings schema. */
export function createSource(cfg: SourceConfig, creds: Credentials | undefined, ctx: SourceContext): Source {
  switch (cfg.kind) {
    case 'demo':
      return createDemoSource(cfg, loadDemoTemplates(join(ctx.resourcesDir, 'demo', 'mentions.json')));
    case 'x-mentions':
    case 'x-search':
      return createXSource(
        { ...cfg, kind: cfg.kind, credentials: { bearerToken: creds?.bearerToken } },
        // Reads this month survive restarts: budgets and projections depend on them.
        { usageStore: ctx.usageStore?.(cfg.id) ?? createJsonFileUsageStore(join(ctx.dataDir, 'x-usage', `${cfg.id}.json`)) },
      );
    case 'feed':
      if (!cfg.url) throw new Error(`feed source "${cfg.id}" needs a url`);
      return createFeedSource({ ...cfg, url: cfg.url });
    default:
      throw new Error(`source kind "${cfg.kind}" is not available in this build`);
  }
}
