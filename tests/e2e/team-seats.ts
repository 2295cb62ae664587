/**
 * Team seats for end-to-end tests: browser-mode seats joined to one database (`npm run web --
 * --team URL --agent ID`, each in its own data folder) and Chromium profiles, all stopped after
 * each test, in reverse order.
 */
import { afterEach } from 'vitest';
import { startWeb, launchBrowser, tempDir, type WebProcess } from './harness';

export interface TeamSeats {
  seat(url: string, agent: string, config: string): Promise<WebProcess>;
  browser(): ReturnType<typeof launchBrowser>;
  /** Anything else to stop after the test (a fake server). */
  later(stop: () => Promise<unknown>): void;
}

export function useTeamSeats(prefix: string): TeamSeats {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });
  return {
    async seat(url, agent, config) {
      const web = await startWeb({ dataDir: tempDir(`${prefix}-${agent}`), config, args: ['--team', url, '--agent', agent] });
      cleanups.push(() => web.stop());
      return web;
    },
    async browser() {
      const b = await launchBrowser();
      cleanups.push(() => b.browser.close());
      return b;
    },
    later(stop) {
      cleanups.push(stop);
    },
  };
}
