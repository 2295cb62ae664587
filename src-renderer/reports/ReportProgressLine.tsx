/**
 * What the report is doing while the lead waits for it (progress.ts): a line, and a bar where the
 * share done is known. `compact`: beside the title, over a report still shown from before (it comes
 * in after a moment, so a quick report does not flash it). Not a live region: it changes every
 * page of 10,000 rows, and the report's own aria-busy says it is being worked out.
 */
import { progressLine, progressShare, type ReportProgress } from './progress';

export function ReportProgressLine({ progress, compact = false }: { progress: ReportProgress | undefined; compact?: boolean }) {
  const share = progress && progressShare(progress);
  const line = progress ? progressLine(progress) : compact ? 'Working out the report for these choices…' : 'Counting…';
  return (
    <div className={compact ? 'report-progress compact' : 'report-progress'} data-testid="report-progress" data-step={progress?.step ?? 'counting'}>
      <p className="muted">{line}</p>
      {share !== undefined ? <progress max={1} value={share} aria-label="Share of the first count done" /> : null}
    </div>
  );
}
