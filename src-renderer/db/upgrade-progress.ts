/**
 * How far a schema upgrade has got. An upgrade runs inside the database open, so nothing else on
 * screen can say what is happening; the status bar and the opening screen read this store (the db
 * layer cannot import the UI's stores). A vanilla zustand store: no React here, because the
 * main-process tests compile this module too (through the schema) without the DOM's types.
 */
import { createStore } from 'zustand/vanilla';

export interface UpgradeProgress {
  step: string;
  done: number;
  total: number;
}

/** `progress` is undefined when no upgrade is running. */
export const upgradeProgress = createStore<{ progress?: UpgradeProgress }>(() => ({}));

/** Sets the progress (undefined when the upgrade is over). */
export function reportUpgradeProgress(progress: UpgradeProgress | undefined): void {
  upgradeProgress.setState({ progress });
}

/** One line for the status bar and the opening screen. */
export function upgradeLine(p: UpgradeProgress): string {
  return `Updating this computer's copy of the inbox for the new version (once): ${p.step}, ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`;
}
