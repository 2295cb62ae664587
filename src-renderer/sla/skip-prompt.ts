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
  /** How many dialog hosts are mounted (App mounts one); with none, nobody could answer. */
  hosts: number;
}

export const useSkipPrompt = create<SkipPromptState>(() => ({ hosts: 0 }));

/**
 * Ask for a reason; resolves with null when the agent goes back. A second question replaces the
 * first (answered as cancel). With no dialog mounted it refuses at once rather than wait forever.
 */
export function askSkipReason(question: SkipQuestion): Promise<SkipAnswer | null> {
  if (useSkipPrompt.getState().hosts === 0) return Promise.reject(new Error('the skip question has no dialog to show it: render <SkipDialogHost /> once in the app'));
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
