/**
 * Typing in the first moment of a conversation: React draws the new conversation, and only a task
 * later runs its effects. An agent's keystroke can land in between (on a loaded machine it did, in
 * the thread pane's test). What was typed must stay in the box and be saved as this conversation's
 * draft; the last keystrokes of the conversation left must be saved as its own.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { fireEvent as fireWithoutAct } from '@testing-library/dom';
import { createRoot, type Root } from 'react-dom/client';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { useDraft } from '../../src-renderer/composer/use-draft';
import { freshDb, at } from './helpers/db';

function Box({ db, rootId }: { db: EarshotDb; rootId: string }) {
  const draft = useDraft(db, rootId);
  return <textarea data-root={rootId} value={draft.text} onChange={(e) => draft.edit(e.target.value)} />;
}

const actEnv = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

describe('the reply box when another conversation opens', () => {
  let root: Root | undefined;
  const wasAct = actEnv.IS_REACT_ACT_ENVIRONMENT;
  afterEach(() => {
    actEnv.IS_REACT_ACT_ENVIRONMENT = wasAct;
    act(() => root?.unmount());
    cleanup();
  });

  it('keeps a keystroke that lands before the new conversation’s effects ran', async () => {
    const db = await freshDb();
    await db.drafts.put({ mentionId: 'a', text: 'saved for a', updatedAt: at(0) });
    const el = document.body.appendChild(document.createElement('div'));
    root = createRoot(el);
    const box = (): HTMLTextAreaElement => el.querySelector('textarea')!;
    await act(async () => root!.render(<Box db={db} rootId="a" />));
    await waitFor(() => expect(box().value).toBe('saved for a'));
    fireEvent.change(box(), { target: { value: 'saved for a, and the last words' } });

    // Render outside act, as a real click does, and type from the DOM's own notice of the commit:
    // that runs before React's effects for the commit, which wait for a later task.
    actEnv.IS_REACT_ACT_ENVIRONMENT = false;
    let shownAtCommit: string | undefined;
    const typed = new Promise<void>((resolve) => {
      const seen = new MutationObserver(() => {
        if (box().dataset.root !== 'b') return;
        seen.disconnect();
        shownAtCommit = box().value;
        fireWithoutAct.change(box(), { target: { value: 'Sorry about that' } });
        resolve();
      });
      seen.observe(el, { attributes: true, subtree: true });
    });
    root.render(<Box db={db} rootId="b" />);
    await typed;
    // From its first frame the new conversation's box is its own: not the last one's text.
    expect(shownAtCommit).toBe('');

    await waitFor(async () => expect((await db.drafts.get('b'))?.text).toBe('Sorry about that'));
    expect(box().value).toBe('Sorry about that');
    expect((await db.drafts.get('a'))?.text).toBe('saved for a, and the last words');
  });

  it('shows the saved draft of the next conversation when nothing was typed there', async () => {
    const db = await freshDb();
    await db.drafts.put({ mentionId: 'b', text: 'saved for b', updatedAt: at(0) });
    const el = document.body.appendChild(document.createElement('div'));
    root = createRoot(el);
    const box = (): HTMLTextAreaElement => el.querySelector('textarea')!;
    await act(async () => root!.render(<Box db={db} rootId="a" />));
    fireEvent.change(box(), { target: { value: 'typed for a' } });
    await act(async () => root!.render(<Box db={db} rootId="b" />));
    // The box never shows a's text under b, even before b's draft is read.
    expect(box().value === '' || box().value === 'saved for b').toBe(true);
    await waitFor(() => expect(box().value).toBe('saved for b'));
    await waitFor(async () => expect((await db.drafts.get('a'))?.text).toBe('typed for a'));
    await act(async () => root!.render(<Box db={db} rootId="a" />));
    await waitFor(() => expect(box().value).toBe('typed for a'));
  });
});
