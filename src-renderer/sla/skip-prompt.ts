/**
 * The one open skip question, if any. The guard asks here; the dialog (SkipDialog.tsx) answers.
 * UI state only: what gets recorded goes to Dexie through skip-guard.ts.
 */
import { create } from 'zustand';
import type { MentionRecord } from '../db/schema';
import type { SkipAnswer } from './skip-reasons';

export interface SkipQuestion {
  taken: MentionRecord | undefined;
  passedOver: MentionRecord[];
}

interface SkipPromptState {
  question?: SkipQuestion;
  resolve?: (answer: SkipAnswer | null) => void;
  /** How many dialog hosts are mounted; with none, the guard mounts one of its own. */
  hosts: number;
}

export const useSkipPrompt = create<SkipPromptState>(() => ({ hosts: 0 }));

/** Ask for a reason; resolves with null when the agent goes back. A second question replaces the first (answered as cancel). */
export function askSkipReason(question: SkipQuestion): Promise<SkipAnswer | null> {
  const prev = useSkipPrompt.getState().resolve;
  prev?.(null);
  return new Promise((resolve) => {
    useSkipPrompt.setState({
      question,
      resolve: (answer) => {
        useSkipPrompt.setState({ question: undefined, resolve: undefined });
        resolve(answer);
      },
    });
  });
}
