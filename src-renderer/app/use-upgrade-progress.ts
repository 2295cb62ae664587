import { useSyncExternalStore } from 'react';
import { onUpgradeProgress, upgradeProgress, type UpgradeProgress } from '../db/upgrade-progress';

/** A schema upgrade's progress in a component, or undefined when none is running. */
export function useUpgradeProgress(): UpgradeProgress | undefined {
  return useSyncExternalStore(onUpgradeProgress, upgradeProgress);
}
