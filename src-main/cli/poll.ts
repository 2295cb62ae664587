/**
 * `npm run --silent poll -- --config FILE [--state DIR] [--once]`: polls the configured sources with
 * the app's own code (poller, log, cursors) and prints one normalised mention per line as JSON on
 * stdout; progress and errors go to stderr. With --state the cursors persist, so a second run asks
 * only for what is new. With --once a source whose rate-limit window resets within 60 s is waited
 * for and polled again; a longer wait is reported and the run exits 1 naming the source.
 * Exit 0 done, 1 a source failed, 2 bad arguments or config.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfigFile, ConfigError, type Config } from '../config/config';
import { MemorySecretStore } from '../config/secrets';
import { envCredentials } from '../config/env';
import { createLogger, setLogSink } from '../core/log';
import type { LogStore } from '../log/log-store';
import { parseLogEntry } from '../shared/log-entry';
import type { Poller } from '../core/poller';
import { createPolling } from '../core/polling';
import { buildServices, type ServiceContainer } from '../core/services';
import { provideCursors, provideJournal, providePolling } from '../core/container';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: npm run --silent poll -- --config FILE [--state DIR] [--once]';

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, options: { config: { type: 'string' }, state: { type: 'string' }, once: { type: 'boolean' } }, strict: true }).values;
  } catch (e) {
    process.stderr.write(`poll: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!args.config) {
    process.stderr.write(`poll: --config is required\n${USAGE}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfigFile(args.config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`poll: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  setLogSink((line) => process.stderr.write(line + '\n'), { quiet: true });
  const log = createLogger('poll');
  const ephemeral = !args.state;
  const stateDir = args.state ? resolve(args.state) : mkdtempSync(join(tmpdir(), 'earshot-poll-'));
  const secrets = new MemorySecretStore();
  for (const [id, creds] of envCredentials(process.env, config.sources.map((s) => s.id))) await secrets.set(id, creds);
  let services: { poller: Poller; stop(): Promise<void> };
  try {
    // The core's own providers (core/container.ts): the same journal, cursors, poller, reach
    // scoring, registry and connectors, stopped in the same order.
    services = await buildServices(log, async (c) => {
      const store = await provideJournal(c, stateDir, log);
      await providePrinter(c, store);
      const cursors = await provideCursors(c, stateDir);
      const polling = createPolling({
        store,
        cursors,
        secrets,
        sources: { resourcesDir: join(root, 'resources'), dataDir: stateDir },
        log,
        onHealth: (h) => {
          if (h.state !== 'starting' && h.lastPollAt) process.stderr.write(`poll: ${h.sourceId}: ${h.state}: ${h.message}${h.action ? ` — ${h.action}` : ''}\n`);
        },
      });
      // A source the registry refuses (credentials missing, bad settings) is a config error: exit 2.
      await providePolling(c, polling, config.sources, { run: !args.once }).catch((e: unknown) => {
        throw new ConfigError((e as Error).message);
      });
      return { poller: polling.poller };
    });
  } catch (e) {
    if (ephemeral) rmSync(stateDir, { recursive: true, force: true });
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`poll: ${e.message}\n`);
    return 2;
  }
  const { poller } = services;
  let failed = false;
  if (args.once) {
    const ids = config.sources.filter((s) => !s.paused).map((s) => s.id);
    await Promise.all(ids.map((id) => pollOnceWaitingOutShortLimits(poller, id)));
    failed = poller.health().some((h) => !['ok', 'paused'].includes(h.state));
  } else {
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
  }
  // Polls in flight finish, what they appended is printed, then cursors and the journal close.
  await services.stop();
  if (ephemeral) rmSync(stateDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

/**
 * Prints each mention this run appends as one JSON line (earlier runs' entries were printed
 * already). Stopped after polling and before the journal closes, it waits for the last lines.
 */
function providePrinter(c: ServiceContainer, store: LogStore): Promise<void> {
  let printing: Promise<void> = Promise.resolve();
  return c.provide(
    'printer',
    async () => {
      let printed = await store.head();
      store.onAppend(() => {
        printing = printing.then(async () => {
          for (;;) {
            const page = await store.read(printed, 1000);
            if (!page.length) return;
            for (const { position, entry } of page) {
              printed = position;
              const r = parseLogEntry(entry);
              if ('entry' in r && r.entry.type === 'mention') process.stdout.write(JSON.stringify(r.entry.mention) + '\n');
            }
          }
        });
      });
    },
    () => printing,
  );
}

/** A rate-limit window that resets this soon is waited out by `--once`; a longer one is reported. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

async function pollOnceWaitingOutShortLimits(poller: Poller, id: string): Promise<void> {
  await poller.pollNow(id);
  const h = poller.health().find((x) => x.sourceId === id);
  if (!h || h.state !== 'rate-limited') return;
  const resetAt = h.rateLimitResetAt ?? h.nextPollAt;
  const waitMs = resetAt ? Date.parse(resetAt) - Date.now() : Number.POSITIVE_INFINITY;
  if (waitMs > MAX_RATE_LIMIT_WAIT_MS) {
    process.stderr.write(`poll: ${id}: rate-limited until ${resetAt ?? 'an unknown time'}, more than 60 s away; not waiting\n`);
    return;
  }
  const seconds = Math.max(0, Math.ceil(waitMs / 1000));
  process.stderr.write(`poll: ${id}: rate-limited; waiting ${seconds} s for the window to reset, then polling again\n`);
  // A second past the reset: X's reset time is a whole second, and a clock a little ahead would ask too soon.
  await new Promise((r) => setTimeout(r, Math.max(0, waitMs) + 1000));
  await poller.pollNow(id);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`poll: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
