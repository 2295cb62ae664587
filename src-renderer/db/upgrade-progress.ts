/**
 * How far a schema upgrade has got. An upgrade runs inside the database open, so nothing else on
 * screen can say what is happening; the status bar listens here (the db layer cannot import the
 * UI's stores). Plain subscribe/snapshot for useSyncExternalStore; no React here, because
 * the main-process tests compile this module too (through the schema) without the DOM's types.
 */
export interface UpgradeProgress {
  step: string;
  done: number;
  total: number;
}

let current: UpgradeProgress | undefined;
const listeners = new Set<() => void>();

/** Sets the progress (undefined when the upgrade is over) and tells every listener. */
export function reportUpgradeProgress(p: UpgradeProgress | undefined): void {
  current = p;
  for (const l of listeners) l();
}

export function upgradeProgress(): UpgradeProgress | undefined {
  return current;
}

export function onUpgradeProgress(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** One line for the status bar and the opening screen. */
export function upgradeLine(p: UpgradeProgress): string {
  return `Updating this computer's copy of the inbox for the new version (once): ${p.step}, ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`;
}
