/**
 * SLA policy versions, held in memory so ingest can compute due times synchronously inside its
 * transaction. Loaded from the `policies` table before the first due time is needed and kept current
 * with a live query (another window saving a policy is seen too).
 *
 * A version applies to mentions whose SLA clock starts at or after its `from` (PolicyVersionSchema);
 * before the first saved version, the built-in default applies. Older mentions keep the dueAt and
 * policyId they were given: a new version never rewrites them.
 */
import { create } from 'zustand';
import { liveQuery } from 'dexie';
import { DEFAULT_POLICY, SlaPolicySchema, type SlaPolicy } from '../../src-main/shared/sla/policy';
import type { EarshotDb, PolicyRecord } from './schema';
import { queueTeamData } from './team-data';
import { pendingAdded } from './pending';

/** A saved policy version as due times use it: parsed, with its start in ms and its number. */
export interface DatedPolicy {
  id: string;
  /** Epoch ms; -Infinity for the built-in default. */
  fromMs: number;
  policy: SlaPolicy;
  savedAt?: string;
  /** 0 for the built-in default, then 1, 2 ... in order of `from`. */
  version: number;
}

export const DEFAULT_POLICY_ID = 'default';
const DEFAULT_VERSION: DatedPolicy = { id: DEFAULT_POLICY_ID, fromMs: -Infinity, policy: DEFAULT_POLICY, version: 0 };

interface PolicyState {
  /** Sorted by fromMs, the default first. */
  versions: DatedPolicy[];
  loaded: boolean;
  /** Saved versions that no longer parse (shown in the editor, never used). */
  problems: string[];
}

export const usePolicies = create<PolicyState>(() => ({ versions: [DEFAULT_VERSION], loaded: false, problems: [] }));

/** Turns stored rows into versions; a row that does not parse is reported and left out. */
export function versionsFromRecords(rows: readonly PolicyRecord[]): { versions: DatedPolicy[]; problems: string[] } {
  const problems: string[] = [];
  const parsed: Array<Omit<DatedPolicy, 'version'>> = [];
  for (const r of rows) {
    const p = SlaPolicySchema.safeParse(r.policy);
    const fromMs = Date.parse(r.from);
    if (!p.success || Number.isNaN(fromMs)) {
      problems.push(`Policy ${r.id} could not be read (${p.success ? 'bad "from" date' : p.error.issues[0]?.message}); the previous version stays in force.`);
      continue;
    }
    parsed.push({ id: r.id, fromMs, policy: p.data, savedAt: r.savedAt });
  }
  parsed.sort((a, b) => a.fromMs - b.fromMs || a.id.localeCompare(b.id));
  return { versions: [DEFAULT_VERSION, ...parsed.map((v, i) => ({ ...v, version: i + 1 }))], problems };
}

export function setPolicyRecords(rows: readonly PolicyRecord[]): void {
  usePolicies.setState({ ...versionsFromRecords(rows), loaded: true });
}

/** The version in force for a clock that started at `ms`. */
export function policyVersionAt(ms: number, versions = usePolicies.getState().versions): DatedPolicy {
  let found = versions[0]!;
  for (const v of versions) {
    if (v.fromMs <= ms) found = v;
    else break;
  }
  return found;
}

/** "Default policy" or "Policy v2 (from 23 Nov 2026)". */
export function policyLabel(v: DatedPolicy): string {
  if (v.version === 0) return 'Default policy';
  const date = new Date(v.fromMs).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  return `Policy v${v.version}${v.policy.name ? ` “${v.policy.name}”` : ''} (from ${date})`;
}

const loading = new WeakMap<EarshotDb, Promise<void>>();

/** Loads the versions once per database and keeps them current; safe to call often. */
export function ensurePoliciesLoaded(db: EarshotDb): Promise<void> {
  let p = loading.get(db);
  if (!p) {
    p = new Promise<void>((resolve) => {
      liveQuery(() => db.policies.toArray()).subscribe({
        next: (rows) => {
          setPolicyRecords(rows);
          resolve();
        },
        error: (e: unknown) => {
          usePolicies.setState({ loaded: true, problems: [`Policies could not be read: ${(e as Error).message}; the default policy applies.`] });
          resolve();
        },
      });
    });
    loading.set(db, p);
  }
  return p;
}

/** Saves a new version from now on; mentions whose clock started earlier keep theirs. */
export async function savePolicyVersion(db: EarshotDb, policy: SlaPolicy, nowMs = Date.now()): Promise<PolicyRecord> {
  const parsed = SlaPolicySchema.parse(policy);
  const from = new Date(nowMs).toISOString();
  const row: PolicyRecord = { id: `policy:${from}`, from, policy: parsed as unknown as Record<string, unknown>, savedAt: from };
  await db.transaction('rw', [db.policies, db.pending], async () => {
    await db.policies.add(row);
    // The team's version too: every seat (and a rebuilt profile) gets it through the log.
    await queueTeamData(db, [{ id: row.id, type: 'policy', version: { id: row.id, from, policy: row.policy } }], from);
  });
  pendingAdded();
  // Update memory at once so a mention arriving in the next millisecond gets the new version.
  setPolicyRecords(await db.policies.toArray());
  return row;
}
