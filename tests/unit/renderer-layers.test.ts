/**
 * The renderer's layer rule (eslint-renderer-layers.js, wired in eslint.config.js): lib < db <
 * state < features < app. Linted through the project's own config, so the wiring is tested too.
 */
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { ROOT } from '../e2e/harness';

const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath: join(ROOT, 'src-renderer', file) });
  return res!.messages.filter((m) => m.ruleId === 'earshot/renderer-layers').map((m) => m.message);
}

describe('renderer layers', () => {
  it.each([
    ['lib/x.ts', "import { getDb } from '../db/schema';\nexport const a = getDb;\n", 'lib/x.ts (lib) imports db/schema (db)'],
    ['db/x.ts', "import type { UiState } from '../state/ui-store';\nexport type A = UiState;\n", 'db/x.ts (db) imports state/ui-store (state)'],
    ['state/x.ts', "export { matchesFilter } from '../inbox/commands';\n", 'state/x.ts (state) imports inbox/commands (features)'],
    ['db/x.ts', "export const a = () => import('../bridge');\n", 'db/x.ts (db) imports bridge (features)'],
    ['inbox/x.ts', "import { App } from '../app/App';\nexport const a = App;\n", 'inbox/x.ts (features) imports app/App (app)'],
    // Once allowlisted; due times now live in db/due.ts, and nothing is allowlisted any more.
    ['db/ingest.ts', "import { dueFor } from '../sla/due';\nexport const a = dueFor;\n", 'db/ingest.ts (db) imports sla/due (features)'],
  ])('reject an upward import from %s', async (file, code, said) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(said);
  });

  it.each([
    ['app/x.ts', "import { useUi } from '../state/ui-store';\nimport { InboxScreen } from '../inbox/InboxScreen';\nexport const a = [useUi, InboxScreen];\n"],
    ['inbox/x.ts', "import { skip } from '../db/actions';\nimport { useTeam } from '../team/team-store';\nexport const a = [skip, useTeam];\n"],
    ['db/x.ts', "import { formatDuration } from '../lib/time';\nimport { getDb } from './schema';\nexport const a = [formatDuration, getDb];\n"],
    ['db/ingest.ts', "import { dueFor } from './due';\nexport const a = dueFor;\n"],
  ])('allow a downward or sideways import from %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
