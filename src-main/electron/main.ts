/**
 * The desktop app's entry: a thin Electron layer over the core. Secrets go to the OS keychain via
 * safeStorage; quitting waits for polls in flight and flushes the outbox before the process ends.
 */
import { app, safeStorage, shell } from 'electron';
import { join } from 'node:path';
import { Core } from '../core/core';
import { EncryptedFileSecretStore, MemorySecretStore, type SecretStore } from '../config/secrets';
import { loadConfigFile } from '../config/config';
import { desktopTeamChoice } from '../config/team-config';
import { createLogger } from '../core/log';
import { createMainWindow, isExternalLink } from './window';
import { wireIpc } from './ipc';
import { credentialProtection, type CredentialProtection } from './credential-storage';
import { handleAppProtocol, registerAppScheme } from './app-protocol';

const log = createLogger('electron');
const outDir = join(__dirname, '..');
let core: Core | undefined;
let quitting = false;

const protection = (): CredentialProtection => credentialProtection(safeStorage);

async function secretStore(dataDir: string): Promise<SecretStore> {
  if (safeStorage.isEncryptionAvailable()) {
    const p = protection();
    if (!p.protected) log.warn(p.message ?? 'saved tokens are not protected by a keyring');
    return EncryptedFileSecretStore.open(dataDir, {
      encrypt: (s) => safeStorage.encryptString(s),
      decrypt: (b) => safeStorage.decryptString(b),
    });
  }
  log.warn('the OS keychain is not available: credentials are kept in memory for this session only');
  return new MemorySecretStore();
}

async function boot(): Promise<void> {
  const dataDir = app.getPath('userData');
  const configArg = process.argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  const config = configArg ? loadConfigFile(configArg) : undefined;
  const secrets = await secretStore(dataDir);
  // The team saved in Settings (its URL from the keychain), else the config file's or the environment's.
  const { team, problem } = desktopTeamChoice(secrets.team(), config, process.env);
  if (problem) log.error(`team mode not started: ${problem}`);
  if (team) log.info(`team mode: joining the team database as agent ${team.agent}`);
  core = new Core({
    dataDir,
    resourcesDir: join(app.getAppPath(), 'resources'),
    mode: 'electron',
    version: app.getVersion(),
    secrets,
    config,
    log,
    credentialProtection: protection(),
    team,
  });
  core.override('openExternal', async ({ url }) => {
    if (!isExternalLink(url)) return { opened: false };
    await shell.openExternal(url);
    return { opened: true };
  });
  core.override('setAttention', async ({ count }) => ({ shown: app.setBadgeCount(count) }));
  await core.start();
  handleAppProtocol(join(outDir, 'renderer'));
  const win = createMainWindow(outDir);
  wireIpc(core, win, log);
}

// app:// must be privileged before the app is ready.
registerAppScheme();
app.enableSandbox();
app.whenReady().then(boot, (e: unknown) => log.error(String(e)));
app.on('window-all-closed', () => app.quit());
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  void core.stop().finally(() => app.quit());
});
