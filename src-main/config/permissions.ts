/**
 * File permissions for what Earshot keeps on disk. The data folder holds customer text, reply
 * attempts and (desktop) the encrypted credentials, so it is 0700 and its files 0600: set when
 * created (fsutil, outbox, attempts) and checked at every start, where a looser mode is fixed with a
 * warning. A config file the user wrote is theirs to fix: Earshot only says how.
 * POSIX only: Windows has no mode bits to speak of (its ACLs keep a profile folder private).
 */
import { promises as fs, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config';
import type { Logger } from '../core/log';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
const CREDENTIAL_KEYS = ['bearerToken', 'userAccessToken', 'refreshToken', 'clientId', 'oauth1'];
const enforced = process.platform !== 'win32';

/** Makes the data folder and everything in it private; returns the paths it had to fix. */
export async function securePermissions(dir: string): Promise<string[]> {
  if (!enforced) return [];
  const fixed: string[] = [];
  const visit = async (path: string, isDir: boolean): Promise<void> => {
    const st = await fs.lstat(path);
    if (st.isSymbolicLink()) return; // never follow a link out of the data folder
    const want = isDir ? DIR_MODE : FILE_MODE;
    if ((st.mode & 0o777) !== want && (st.mode & 0o077) !== 0) {
      await fs.chmod(path, want);
      fixed.push(path);
    }
    if (!isDir) return;
    for (const d of await fs.readdir(path, { withFileTypes: true })) {
      if (d.isDirectory() || d.isFile()) await visit(join(path, d.name), d.isDirectory());
    }
  };
  await visit(dir, true);
  return fixed;
}

/** Creates the data folder private (or makes an existing one so), warning once about what it fixed. */
export async function prepareDataDir(dir: string, log: Logger): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const fixed = await securePermissions(dir);
  if (fixed.length) {
    log.warn(
      `the data folder ${dir} was readable by other users; made it 0700 and its files 0600 (${fixed.length} fixed)`,
    );
  }
}

/** A warning when a config file holding credentials can be read by group or others. */
export function configPermissionWarning(path: string, config: Config): string | undefined {
  if (!enforced) return undefined;
  const holdsCredentials = config.sources.some((s) => CREDENTIAL_KEYS.some((k) => (s as Record<string, unknown>)[k] !== undefined));
  if (!holdsCredentials) return undefined;
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `${path} holds credentials and other users on this computer can read it; run: chmod 600 ${path}`;
}
