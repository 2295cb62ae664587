/** A core as a team's seat in integration tests: browser mode, in-memory secrets, a data folder of its own. */
import { join } from 'node:path';
import { Core } from '../../src-main/core/core';
import type { CoreOptions } from '../../src-main/core/container';
import { MemorySecretStore } from '../../src-main/config/secrets';
import { createLogger } from '../../src-main/core/log';
import type { Config } from '../../src-main/config/config';

const RESOURCES = join(import.meta.dirname, '../../resources');

/** `more` adds or overrides options (a team, retry timings, a secret store). */
export function seatCore(dataDir: string, name: string, config: Config, more: Partial<CoreOptions> = {}): Core {
  return new Core({
    dataDir,
    resourcesDir: RESOURCES,
    mode: 'web',
    version: 't',
    secrets: new MemorySecretStore(),
    log: createLogger(name),
    config,
    leaseRetryMs: 300,
    ...more,
  });
}
