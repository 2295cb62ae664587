/**
 * Issue 10 item 5: the data folder holds customer text and reply attempts, so it is 0700 and its
 * files 0600, set when they are created and checked (fixed, with a warning) at every start; a config
 * file holding credentials that others can read gets a warning naming the file and the chmod to run.
 */
import { describe, it, expect, afterEach, beforeAll, afterAll } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Core } from '../../../src-main/core/core';
import { MemorySecretStore } from '../../../src-main/config/secrets';
import { createLogger, setLogSink } from '../../../src-main/core/log';
import { writeFileAtomic } from '../../../src-main/core/fsutil';
import { JsonlAttemptStore } from '../../../src-main/sources/x/x-attempts';
import { configPermissionWarning } from '../../../src-main/config/permissions';

const posix = process.platform !== 'win32';
const mode = (p: string): number => statSync(p).mode & 0o777;
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [join(dir, d.name), ...walk(join(dir, d.name))] : [join(dir, d.name)]));
}

let oldUmask = 0;
beforeAll(() => {
  // The usual desktop umask: without explicit modes, files would come out 0644 and folders 0755.
  oldUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(oldUmask);
});
afterEach(() => setLogSink(null));

async function runCore(dataDir: string): Promise<string[]> {
  const lines: string[] = [];
  setLogSink((l) => lines.push(l));
  const core = new Core({
    dataDir,
    resourcesDir: join(import.meta.dirname, '../../../resources'),
    mode: 'web',
    version: 'test',
    secrets: new MemorySecretStore(),
    log: createLogger('test'),
    config: { sources: [{ id: 'demo', kind: 'demo', backlog: 3, limit: 3 }] },
  });
  await core.start();
  await new Promise((r) => setTimeout(r, 300));
  await core.stop();
  return lines;
}

describe.runIf(posix)('file permissions', () => {
  it('creates the data folder 0700 and every file in it 0600', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'earshot-perm-')), 'data');
    await runCore(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    const entries = walk(dataDir);
    expect(entries.length).toBeGreaterThan(0);
    for (const p of entries) expect([p, mode(p)]).toEqual([p, statSync(p).isDirectory() ? 0o700 : 0o600]);
  });

  it('writeFileAtomic and the reply-attempt journal write 0600 files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-perm-'));
    await writeFileAtomic(join(dir, 'a.json'), '{}');
    expect(mode(join(dir, 'a.json'))).toBe(0o600);
    const store = await JsonlAttemptStore.open(join(dir, 'x-reply-attempts.jsonl'));
    const now = new Date().toISOString();
    await store.put({ attemptId: 'a1', targetTweetId: '1', text: 't', state: 'sending', createdAt: now, updatedAt: now });
    expect(mode(join(dir, 'x-reply-attempts.jsonl'))).toBe(0o600);
  });

  it('fixes a readable data folder at start and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'earshot-perm-'));
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'x-usage'), { mode: 0o755 });
    writeFileSync(join(dataDir, 'x-usage', 'acme.json'), '{}', { mode: 0o644 });
    writeFileSync(join(dataDir, 'x-reply-attempts.jsonl'), '', { mode: 0o664 });
    const lines = await runCore(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'x-usage'))).toBe(0o700);
    expect(mode(join(dataDir, 'x-usage', 'acme.json'))).toBe(0o600);
    expect(mode(join(dataDir, 'x-reply-attempts.jsonl'))).toBe(0o600);
    expect(lines.filter((l) => /readable by other users/.test(l) && l.includes(dataDir))).toHaveLength(1);
  });

  it('warns about a config file with credentials that others can read, naming the chmod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'earshot-perm-'));
    const file = join(dir, 'config.json');
    const config = { sources: [{ id: 'a', kind: 'x-search' as const, query: 'q', bearerToken: 'secret' }] };
    writeFileSync(file, JSON.stringify(config), { mode: 0o644 });
    chmodSync(file, 0o644);
    const w = configPermissionWarning(file, config);
    expect(w).toContain(file);
    expect(w).toContain(`chmod 600 ${file}`);
    chmodSync(file, 0o640);
    expect(configPermissionWarning(file, config)).toContain(`chmod 600 ${file}`);
    chmodSync(file, 0o600);
    expect(configPermissionWarning(file, config)).toBeUndefined();
    chmodSync(file, 0o644);
    expect(configPermissionWarning(file, { sources: [{ id: 'f', kind: 'feed', url: 'https://e.x/f' }] })).toBeUndefined();
  });
});

describe.runIf(posix)('loading a readable config file with credentials', () => {
  it('logs the warning once, naming the file and the chmod', async () => {
    const { loadConfigFile } = await import('../../../src-main/config/config');
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    const file = join(mkdtempSync(join(tmpdir(), 'earshot-perm-')), 'config.json');
    writeFileSync(file, JSON.stringify({ sources: [{ id: 'a', kind: 'x-search', query: 'q', bearerToken: 'secret-token-value' }] }));
    chmodSync(file, 0o644);
    loadConfigFile(file);
    expect(lines.filter((l) => l.includes(`chmod 600 ${file}`))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('secret-token-value');
  });
});
