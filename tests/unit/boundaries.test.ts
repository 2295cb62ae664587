/**
 * The architecture's import rules, checked by a test as well as by ESLint (DESIGN.md "Shape"):
 * the renderer imports nothing from src-main but shared/; shared/ imports no Node, no Electron and
 * nothing outside itself; only src-main/electron imports electron.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname, relative } from 'node:path';
import { builtinModules } from 'node:module';
import { ROOT } from '../e2e/harness';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Every import that breaks the rules, under a project root laid out like this one. */
export function violations(root: string): string[] {
  const bad: string[] = [];
  const shared = join(root, 'src-main', 'shared');
  for (const f of files(join(root, 'src-renderer'))) {
    for (const spec of imports(f)) {
      const target = spec.startsWith('.') ? resolve(dirname(f), spec) : '';
      const intoMain = target.startsWith(join(root, 'src-main')) && !target.startsWith(shared);
      if (spec === 'electron' || node.has(spec) || intoMain) bad.push(`${relative(root, f)} -> ${spec}`);
    }
  }
  for (const f of files(shared)) {
    for (const spec of imports(f)) {
      const outside = spec.startsWith('.') && !resolve(dirname(f), spec).startsWith(shared);
      if (spec === 'electron' || node.has(spec) || outside) bad.push(`${relative(root, f)} -> ${spec}`);
    }
  }
  for (const f of files(join(root, 'src-main'))) {
    if (!f.startsWith(join(root, 'src-main', 'electron')) && imports(f).includes('electron')) bad.push(`${relative(root, f)} -> electron`);
  }
  return bad;
}

describe('import boundaries', () => {
  it('hold in this codebase', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('are reported for a renderer reaching into main, shared importing Node, and the core importing electron', () => {
    const root = mkdtempSync(join(tmpdir(), 'earshot-bounds-'));
    const put = (rel: string, text: string): void => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    put('src-renderer/ok.ts', "import { x } from '../src-main/shared/contract';\nimport React from 'react';\n");
    put('src-renderer/bad.tsx', "import { Core } from '../src-main/core/core';\n");
    put('src-renderer/bad2.ts', "import fs from 'node:fs';\n");
    put('src-main/shared/bad.ts', "import { join } from 'path';\nimport { Core } from '../core/core';\n");
    put('src-main/core/bad.ts', "import { app } from 'electron';\n");
    put('src-main/electron/ok.ts', "import { app } from 'electron';\n");
    expect(violations(root).sort()).toEqual(
      [
        'src-renderer/bad.tsx -> ../src-main/core/core',
        'src-renderer/bad2.ts -> node:fs',
        'src-main/shared/bad.ts -> path',
        'src-main/shared/bad.ts -> ../core/core',
        'src-main/core/bad.ts -> electron',
      ].sort(),
    );
  });
});
