/**
 * `npm run web -- [--config FILE] [--data-dir DIR] [--port N] [--team URL] [--agent ID]`: the core
 * plus the UI for a browser. `--team` joins the team database as agent `--agent` (resolved with the
 * config file's `team` block and EARSHOT_DATABASE_URL by config/team-config.ts).
 * Prints one line `Earshot listening on http://127.0.0.1:PORT/?token=TOKEN`. With no --port it
 * listens on the port this data folder used last time (web-port.json), so the browser's origin, and
 * with it the browser's IndexedDB, stays the same across restarts. SIGINT/SIGTERM stop it cleanly:
 * polls in flight finish and the log is closed before the process exits.
 */
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Core, type CoreOptions } from '../core/core';
import { resolveTeam, type TeamChoice } from '../config/team-config';
import { loadConfigFile, ConfigError, type Config } from '../config/config';
import { MemorySecretStore } from '../config/secrets';
import { createLogger } from '../core/log';
import { startWebServer } from './server';
import { envCredentials } from '../config/env';
import { writeFileAtomic } from '../core/fsutil';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, port: { type: 'string' }, team: { type: 'string' }, agent: { type: 'string' } },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`earshot web: ${(e as Error).message}\nusage: npm run web -- [--config FILE] [--data-dir DIR] [--port N] [--team URL] [--agent ID]\n`);
    return 2;
  }
  const port = args.port === undefined ? undefined : Number(args.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`earshot web: --port must be a number from 0 to 65535, got "${args.port}"\n`);
    return 2;
  }
  let config: Config | undefined;
  let team: TeamChoice | undefined;
  try {
    config = args.config ? loadConfigFile(args.config) : undefined;
    team = resolveTeam({ team: args.team, agent: args.agent }, config, process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`earshot web: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dataDir = resolve(args['data-dir'] ?? process.env.EARSHOT_DATA_DIR ?? join(homedir(), '.local', 'share', 'earshot-web'));
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    process.stderr.write(`earshot web: the UI is not built (${staticDir} is missing). Run "npm run build" first, or use "npm run web".\n`);
    return 1;
  }
  const log = createLogger('web');
  const secrets = new MemorySecretStore();
  for (const [id, creds] of envCredentials(process.env, config?.sources.map((s) => s.id) ?? [])) await secrets.set(id, creds);
  // With `team`, the core joins the team database (core/team-seat.ts); if it cannot, it runs solo and says why.
  const coreOptions: CoreOptions = { dataDir, resourcesDir: join(root, 'resources'), mode: 'web', version: '0.1.0', secrets, config, log, team };
  if (team) log.info(`team mode: joining the team database as agent ${team.agent}`);
  const core = new Core(coreOptions);
  await core.start();
  const remembered = port === undefined ? await rememberedPort(dataDir) : undefined;
  let server;
  try {
    server = await startWebServer({ core, staticDir, port: port ?? remembered ?? 0, log });
  } catch (e) {
    if (remembered === undefined || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    // Someone else has this folder's port now: a new origin means the browser starts a new profile
    // (it rebuilds from the log), which is better than not starting at all.
    process.stderr.write(`earshot web: port ${remembered} (used last time with this data folder) is taken; using a free one\n`);
    server = await startWebServer({ core, staticDir, port: 0, log });
  }
  await rememberPort(dataDir, server.port);
  process.stdout.write(`Earshot listening on ${server.url}\n`);
  log.info(`data in ${dataDir}`);

  await new Promise<void>((done) => {
    const stop = (sig: string): void => {
      log.info(`${sig}: stopping (finishing polls in flight, closing the log)`);
      done();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await server.close();
  await core.stop();
  return 0;
}

const portFile = (dataDir: string): string => join(dataDir, 'web-port.json');

async function rememberedPort(dataDir: string): Promise<number | undefined> {
  try {
    const v = (JSON.parse(await readFile(portFile(dataDir), 'utf8')) as { port?: unknown }).port;
    return typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 65535 ? v : undefined;
  } catch {
    return undefined; // first start, or an unreadable file: a free port, remembered below
  }
}

async function rememberPort(dataDir: string, port: number): Promise<void> {
  await writeFileAtomic(portFile(dataDir), JSON.stringify({ port }) + '\n');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`earshot web: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
