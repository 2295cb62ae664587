/**
 * What the page loads before it can start writing the mentions waiting for it (issue 11): the
 * charts library and the report and VoC screens load when those screens are first opened
 * (app/App.tsx, React.lazy), so nothing the entry point imports statically reaches them.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../e2e/harness';

/** Static imports only (`import x from`, `export … from`, `import 'x'`), not `import()`. */
function staticImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^\s*(?:import|export)\s(?:type\s)?[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)]
    .filter((m) => !/^\s*(?:import|export)\s+type\s/.test(m[0]))
    .map((m) => (m[1] ?? m[2])!);
}

function resolveFile(spec: string, from: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((p) => existsSync(p) && !p.endsWith('/'));
}

/** Every file and package the entry reaches through static imports, with the path that reaches each package. */
function reach(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const walk = (file: string, path: string[]): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, [...path, relative(ROOT, file)]);
        continue;
      }
      const next = resolveFile(spec, file);
      if (next && /\.(ts|tsx)$/.test(next)) walk(next, [...path, relative(ROOT, file)]);
    }
  };
  walk(entry, []);
  return { files, packages };
}

describe('start-up imports of the renderer', () => {
  const { files, packages } = reach(join(ROOT, 'src-renderer', 'main.tsx'));

  it('reaches the inbox but not the charts library', () => {
    expect(files.has(join(ROOT, 'src-renderer', 'inbox', 'InboxScreen.tsx'))).toBe(true);
    const charts = [...packages].filter(([p]) => p === 'echarts' || p.startsWith('echarts/'));
    expect(charts.map(([p, via]) => `${p} via ${via.join(' > ')}`)).toEqual([]);
  });

  it('reaches neither the report screen nor the VoC screen', () => {
    expect(files.has(join(ROOT, 'src-renderer', 'reports', 'ReportsScreen.tsx'))).toBe(false);
    expect(files.has(join(ROOT, 'src-renderer', 'voc', 'VocScreen.tsx'))).toBe(false);
  });
});
