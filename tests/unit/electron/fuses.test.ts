/**
 * Issue 10 item 2 (fuses): the packaging configuration turns off what an attacker with a shell
 * would use to run the signed binary as a plain Node (RunAsNode, NODE_OPTIONS, --inspect), and turns
 * on cookie encryption, ASAR integrity and app-from-ASAR-only. Names are @electron/fuses' own.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { fuseConfig } from '../../../src-main/cli/flip-fuses';

const file = join(import.meta.dirname, '../../../electron-fuses.json');

describe('Electron fuses in the build configuration', () => {
  const cfg = JSON.parse(readFileSync(file, 'utf8')) as { version: string; fuses: Record<string, boolean> };

  it('uses only real FuseV1Options names', () => {
    expect(cfg.version).toBe('1');
    for (const name of Object.keys(cfg.fuses)) expect(Object.keys(FuseV1Options)).toContain(name);
  });

  it.each([
    ['RunAsNode', false],
    ['EnableCookieEncryption', true],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
  ])('%s is %s', (name, value) => {
    expect(cfg.fuses[name]).toBe(value);
  });

  it('is what the packaging step hands to flipFuses', () => {
    const c = fuseConfig(file) as unknown as Record<string | number, unknown>;
    expect(c.version).toBe(FuseVersion.V1);
    expect(c[FuseV1Options.RunAsNode]).toBe(false);
    expect(c[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(c[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(c[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });
});
