/**
 * Selecting another mention: until its thread is read, the pane still shows the last conversation.
 * Its reply box must not take typing then (it would become the last conversation's draft; on a
 * loaded machine an agent can click and type within that moment, and the skip e2e test did).
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { render, screen, cleanup, waitFor, fireEvent } from '@testing-library/react';
import type { InboxCommands } from '../../src-renderer/inbox/commands';
import { freshDb, ingest, mention, at } from './helpers/db';
import { memoryBridge, resetUi } from './helpers/dom';
import { saveSettings } from '../../src-renderer/settings/settings';

const gate = vi.hoisted(() => ({ slowId: '', open: (): void => undefined, wait: Promise.resolve() }));
vi.mock('../../src-renderer/conversation/thread', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src-renderer/conversation/thread')>();
  return {
    ...orig,
    loadThread: async (...args: Parameters<typeof orig.loadThread>) => {
      if (args[1] === gate.slowId) await gate.wait;
      return orig.loadThread(...args);
    },
  };
});
const { ThreadPane } = await import('../../src-renderer/conversation/ThreadPane');

const box = (): HTMLTextAreaElement => screen.getByTestId('reply-input') as HTMLTextAreaElement;
const sendButton = (): HTMLButtonElement => screen.getByTestId('reply-send') as HTMLButtonElement;

describe('the thread pane while the next thread is read', () => {
  beforeEach(() => {
    resetUi();
    memoryBridge();
  });
  afterEach(cleanup);

  it('keeps the last conversation read-only and busy, then opens the new one for typing', async () => {
    const db = await freshDb();
    await saveSettings(db, { initials: 'MK', name: 'Maya' });
    await ingest(db, [mention('x:1', at(0), { text: 'first mention' }), mention('x:2', at(1), { text: 'second mention' })]);
    const commands = {} as InboxCommands;
    const { rerender } = render(<ThreadPane id="x:1" viewIds={['x:1', 'x:2']} commands={commands} />);
    await waitFor(() => expect(screen.getByTestId('thread').textContent).toContain('first mention'));
    expect(box().readOnly).toBe(false);
    expect(screen.getByTestId('thread').getAttribute('aria-busy')).toBeNull();

    gate.slowId = 'x:2';
    gate.wait = new Promise<void>((r) => (gate.open = r));
    rerender(<ThreadPane id="x:2" viewIds={['x:1', 'x:2']} commands={commands} />);
    // Still the first conversation on screen, and it takes no typing.
    expect(screen.getByTestId('thread').textContent).toContain('first mention');
    expect(box().readOnly).toBe(true);
    expect(screen.getByTestId('thread').getAttribute('aria-busy')).toBe('true');

    gate.open();
    await waitFor(() => expect(screen.getByTestId('thread').textContent).toContain('second mention'));
    expect(box().readOnly).toBe(false);
    expect(screen.getByTestId('thread').getAttribute('aria-busy')).toBeNull();
    fireEvent.change(box(), { target: { value: 'Sorry about that' } });
    expect(box().value).toBe('Sorry about that');
  });

  it('greys out sending the last conversation’s draft while the next thread is read', async () => {
    const db = await freshDb();
    await saveSettings(db, { initials: 'MK', name: 'Maya' });
    await ingest(db, [mention('x:1', at(0), { text: 'first mention' }), mention('x:2', at(1), { text: 'second mention' })]);
    await db.drafts.put({ mentionId: 'x:1', text: 'Looking into it', updatedAt: at(2) });
    const commands = {} as InboxCommands;
    const { rerender } = render(<ThreadPane id="x:1" viewIds={['x:1', 'x:2']} commands={commands} />);
    await waitFor(() => expect(box().value).toBe('Looking into it'));
    expect(sendButton().disabled).toBe(false);

    gate.slowId = 'x:2';
    gate.wait = new Promise<void>((r) => (gate.open = r));
    rerender(<ThreadPane id="x:2" viewIds={['x:1', 'x:2']} commands={commands} />);
    expect(box().value).toBe('Looking into it');
    expect(sendButton().disabled).toBe(true);

    gate.open();
    await waitFor(() => expect(screen.getByTestId('thread').textContent).toContain('second mention'));
    await waitFor(() => expect(box().value).toBe(''));
    expect(await db.drafts.get('x:1')).toMatchObject({ text: 'Looking into it' });
  });
});
