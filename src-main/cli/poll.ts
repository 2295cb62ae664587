/**
 * `npm run --silent poll -- --config FILE [--state DIR] [--once]`: polls the configured sources with
 * the app's own code (poller, outbox, cursors) and prints one normalised mention per line as JSON on
 * stdout; progress and errors go to stderr. With --state the cursors persist, so a second run asks
 * only for what is new. Exit 0 done, 1 a source failed, 2 bad arguments or config.
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
import { Outbox } from '../core/outbox';
import { CursorStore } from '../core/cursors';
import { Poller } from '../core/poller';
import { SourceRegistry } from '../core/registry';
import { createSource } from '../sources/factory';
import { scoreReach } from '../reach/reach';

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
  const outbox = await Outbox.open(stateDir, { log });
  const cursors = await CursorStore.open(stateDir);
  // Earlier runs' batches were printed already: start from a clean journal every run.
  await outbox.ack(outbox.lastSeq || 1).catch(() => undefined);
  outbox.onAppend((entry) => {
    for (const m of entry.mentions) process.stdout.write(JSON.stringify(m) + '\n');
  });
  const poller = new Poller({
    outbox,
    cursors,
    log,
    score: (inputs, channel) => {
      const r = scoreReach(inputs, channel);
      return { score: r.score, tier: r.tier };
    },
    onHealth: (h) => {
      if (h.state !== 'starting' && h.lastPollAt) process.stderr.write(`poll: ${h.sourceId}: ${h.state}: ${h.message}${h.action ? ` — ${h.action}` : ''}\n`);
    },
  });
  const secrets = new MemorySecretStore();
  for (const [id, creds] of envCredentials(process.env, config.sources.map((s) => s.id))) await secrets.set(id, creds);
  const registry = new SourceRegistry({ poller, secrets, factory: (cfg, creds) => createSource(cfg, creds, { resourcesDir: join(root, 'resources'), dataDir: stateDir }) });
  try {
    await registry.load(config.sources);
  } catch (e) {
    process.stderr.write(`poll: ${(e as Error).message}\n`);
    return 2;
  }
  let failed = false;
  if (args.once) {
    await Promise.all(config.sources.filter((s) => !s.paused).map((s) => poller.pollNow(s.id)));
    failed = poller.health().some((h) => !['ok', 'paused'].includes(h.state));
  } else {
    poller.start();
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
  }
  await poller.stop();
  await outbox.ack(outbox.lastSeq || 1).catch(() => undefined);
  await outbox.close();
  await cursors.flush();
  if (ephemeral) rmSync(stateDir, { recursive: true, force: true });
  return failed ? 1 : 0;
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
