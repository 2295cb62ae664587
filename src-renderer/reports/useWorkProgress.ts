/**
 * What the report work under way last told (progress.ts), heard only while `active` (the screen
 * waits on a request) and forgotten when it stops or `key` (the request) changes: a first count
 * tells it every page of 10,000 rows, each a render of the screen, so nothing is heard while the
 * screen shows a report and its worker works ahead.
 */
import { useEffect, useState } from 'react';
import type { ReportProgress } from './progress';

export function useWorkProgress(listen: (l: (p: ReportProgress) => void) => () => void, active: boolean, key: string): ReportProgress | undefined {
  const [progress, setProgress] = useState<ReportProgress>();
  useEffect(() => {
    if (!active) return;
    const stop = listen(setProgress);
    return () => {
      stop();
      setProgress(undefined);
    };
  }, [listen, active, key]);
  return active ? progress : undefined;
}
