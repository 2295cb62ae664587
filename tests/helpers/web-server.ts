/** Browser mode's server over a real core, for integration tests: a data folder and a one-page static folder of its own. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../src-main/core/core';
import type { Config } from '../../src-main/config/config';
import { createLogger } from '../../src-main/core/log';
import { startWebServer, type WebServer } from '../../src-main/web/server';
import { seatCore } from './seat-core';

export async function startTestWebServer(prefix: string, config: Config): Promise<{ core: Core; web: WebServer; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `earshot-${prefix}-`));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const core = seatCore(join(dir, 'data'), 't', config);
  await core.start();
  const web = await startWebServer({ core, staticDir, log: createLogger('web') });
  return {
    core,
    web,
    async close() {
      await web.close();
      await core.stop();
    },
  };
}
