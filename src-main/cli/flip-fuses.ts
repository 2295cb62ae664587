/**
 * `npm run package:fuses -- PATH_TO_ELECTRON_BINARY`: flips the fuses listed in
 * electron-fuses.json into a packaged Electron binary (run it on the packaged app before signing).
 * The JSON is the one place the choice is made; a test reads it.
 */
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export const FUSES_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../electron-fuses.json');

export function fuseConfig(file = FUSES_FILE): FuseConfig {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { version: string; fuses: Record<string, boolean> };
  if (raw.version !== '1') throw new Error(`${file}: only fuse version "1" is known, got "${raw.version}"`);
  const config: Record<number, boolean> = {};
  for (const [name, on] of Object.entries(raw.fuses)) {
    const option = (FuseV1Options as unknown as Record<string, number | undefined>)[name];
    if (option === undefined) throw new Error(`${file}: "${name}" is not a FuseV1Options name`);
    config[option] = on;
  }
  return { version: FuseVersion.V1, ...config } as FuseConfig;
}

async function main(): Promise<void> {
  const binary = process.argv[2];
  if (!binary) {
    process.stderr.write('usage: npm run package:fuses -- PATH_TO_ELECTRON_BINARY\n');
    process.exit(2);
  }
  const { flipFuses } = await import('@electron/fuses');
  await flipFuses(binary, fuseConfig());
  process.stdout.write(`fuses flipped in ${binary}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
