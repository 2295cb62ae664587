/** Runs the report for the chosen period and filters (in the worker) and opens drill-downs in the inbox. */
import { useCallback, useEffect, useState } from 'react';
import { onVocProgress, requestVoc, requestVocConfirm, requestVocMembers } from './voc-client';
import type { ReportProgress } from '../reports/progress';
import { useWorkProgress } from '../reports/useWorkProgress';
import type { VocResponse } from './voc-engine';
import type { VocFigure, VocFilter } from '../../src-main/shared/voc/report';
import { fromOf, useVocParams } from './params';
import { useUi } from '../state/ui-store';

export interface VocState {
  /** checking: the figures are on screen, counted before the stored facts' count check came in. */
  status: 'loading' | 'checking' | 'ready' | 'error';
  response?: VocResponse;
  error?: string;
  /** Wall time from request to answer. */
  elapsedMs?: number;
  /** Answers so far (tests and benchmarks wait for the next one). */
  answers: number;
}

/** `progress`: while loading, what the work on the report's facts last told (reports/progress.ts), if anything yet. */
export function useVoc(): VocState & { progress: ReportProgress | undefined } {
  const { days, toMs, filter, n } = useVocParams();
  const [state, setState] = useState<VocState>({ status: 'loading', answers: 0 });
  // Bumped when unchecked figures did not stand: they are asked for again.
  const [again, setAgain] = useState(0);
  const key = JSON.stringify({ days, toMs, filter, n, again });
  useEffect(() => {
    let live = true;
    const p = JSON.parse(key) as { days: number; toMs: number; filter: VocFilter };
    const t0 = performance.now();
    setState((s) => ({ ...s, status: 'loading' }));
    // Early: the figures as soon as they are read back; the count check follows (requestVocConfirm).
    requestVoc({ fromMs: fromOf(p), toMs: p.toMs, filter: p.filter, early: true }).then(
      (response) => {
        if (!live) return;
        setState((s) => ({ status: response.checked ? 'ready' : 'checking', response, elapsedMs: performance.now() - t0, answers: s.answers + 1 }));
        if (response.checked) return;
        requestVocConfirm().then(
          (stand) => live && (stand ? setState((s) => ({ ...s, status: 'ready' })) : setAgain((k) => k + 1)),
          (e: unknown) => live && setState((s) => ({ status: 'error', error: (e as Error).message, answers: s.answers + 1 })),
        );
      },
      (e: unknown) => live && setState((s) => ({ status: 'error', error: (e as Error).message, answers: s.answers + 1 })),
    );
    return () => {
      live = false;
    };
  }, [key]);
  const progress = useWorkProgress(onVocProgress, state.status === 'loading', key);
  return { ...state, progress };
}

/** Opens the inbox on exactly the mentions behind a figure, every status shown. */
export function useDrill(): (figure: VocFigure, label: string) => void {
  return useCallback((figure: VocFigure, label: string) => {
    const p = useVocParams.getState();
    void requestVocMembers({ fromMs: fromOf(p), toMs: p.toMs, filter: p.filter }, figure).then(
      (ids) => {
        const ui = useUi.getState();
        ui.applyView('open', { statuses: [], only: { ids, label } });
        ui.select(undefined);
        ui.setScreen('inbox');
      },
      (e: unknown) => useUi.getState().showToast(`Could not list those mentions: ${(e as Error).message}`, { tone: 'error' }),
    );
  }, []);
}
