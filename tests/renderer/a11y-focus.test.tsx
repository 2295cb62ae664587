/**
 * Focus is never lost (WCAG 2.4.3): after a resolve, after a dialog closes (back to what opened it),
 * after a bulk action and after its Undo, keyboard focus is on something an agent can act from,
 * never on the page body. Also the list's listbox semantics: one tab stop, the open row its active
 * descendant.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, fireEvent, waitFor, cleanup, within, configure, act } from '@testing-library/react';
import { App } from '../../src-renderer/app/App';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { saveSettings } from '../../src-renderer/settings/settings';
import { freshDb, ingest, mention, at } from './helpers/db';
import { installLayout, memoryBridge, resetUi } from './helpers/dom';

installLayout();
configure({ asyncUtilTimeout: 4000 });

const rowIds = (): string[] => screen.queryAllByTestId('mention-row').map((r) => r.getAttribute('data-mention-id')!);
const key = (k: string, opts: Partial<KeyboardEventInit> = {}): void => void fireEvent.keyDown(document.activeElement ?? window, { key: k, ...opts });
const list = (): HTMLElement => screen.getByRole('listbox', { name: /Inbox/ });
const focused = (): Element | null => document.activeElement;

describe('focus is never lost', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    resetUi();
    memoryBridge();
    db = await freshDb();
    await saveSettings(db, { initials: 'MK', name: 'Maya' });
    await ingest(db, [
      mention('x:a', at(0), { author: { key: 'x:a', handle: 'dana', name: 'Dana Whitfield', followers: 12 }, text: 'Refund still missing' }),
      mention('x:b', at(10), { author: { key: 'x:b', handle: 'leo', name: 'Leo', followers: 40 }, text: 'Lost a bag' }),
      mention('x:c', at(20), { author: { key: 'x:c', handle: 'sam', name: 'Sam', followers: 50 }, text: 'Gate chaos' }),
    ]);
    render(<App />);
    await waitFor(() => expect(rowIds()).toHaveLength(3));
    act(() => list().focus());
  });
  afterEach(cleanup);

  it('the list is one tab stop whose active descendant is the open row, with its essentials in its name', async () => {
    expect(list().tabIndex).toBe(0);
    for (const r of screen.getAllByTestId('mention-row')) expect(r.querySelector('[tabindex], button, input, a[href]')).toBeNull();
    key('j');
    await waitFor(() => expect(list().getAttribute('aria-activedescendant')).toBe('mention-row-x:a'));
    const row = (): HTMLElement => document.getElementById('mention-row-x:a')!;
    expect(row().getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(row().getAttribute('data-status')).toBe('new'));
    // Named from its content: the spoken sentence (the drawn parts are hidden from the tree).
    expect(row().textContent).toMatch(/^(Unread, )?Dana Whitfield @dana on X, (due in .* minutes?|.* over)\. everyday reach\. Refund still missing/);
    key('ArrowDown');
    await waitFor(() => expect(list().getAttribute('aria-activedescendant')).toBe('mention-row-x:b'));
    expect(focused()).toBe(list());
  });

  it('after resolve, focus stays on the list; when the last one goes, on the empty inbox', async () => {
    key('j');
    await waitFor(() => expect(screen.getByTestId('thread')).toBeTruthy());
    key('e');
    await waitFor(() => expect(rowIds()).toEqual(['x:b', 'x:c']));
    expect(focused()).toBe(list());
    // From the Resolve button: the button stays for the next mention, or focus goes home.
    for (const [who, left] of [['Leo', ['x:c']], ['Sam', []]] as const) {
      // The conversation shown is the next one's (not the resolved one's, still on screen a moment).
      await waitFor(() => expect(screen.getByTestId('thread').textContent).toContain(who));
      const btn = screen.getByTestId('resolve');
      act(() => btn.focus());
      fireEvent.click(btn);
      await waitFor(() => expect(rowIds()).toEqual(left));
      if (left.length) await waitFor(() => expect([btn, list()]).toContain(focused()));
    }
    await waitFor(() => expect(screen.getByTestId('inbox-empty')).toBeTruthy());
    await waitFor(() => expect(focused()).toBe(screen.getByTestId('inbox-empty')));
  });

  it('a dialog gives focus back to what opened it: the list after a key, the button after a click', async () => {
    key('j');
    await waitFor(() => expect(screen.getByTestId('thread')).toBeTruthy());
    key('a');
    const input = await screen.findByRole('combobox', { name: 'Agent (initials)…' });
    await waitFor(() => expect(focused()).toBe(input));
    key('Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(focused()).toBe(list());

    const tagButton = within(screen.getByRole('toolbar', { name: 'Actions on this conversation' })).getByRole('button', { name: /Tag/ });
    act(() => tagButton.focus());
    fireEvent.click(tagButton);
    const tagInput = await screen.findByRole('combobox', { name: 'Tag…' });
    fireEvent.change(tagInput, { target: { value: 'refund' } });
    key('Enter');
    await waitFor(async () => expect((await db.mentions.get('x:a'))!.tags).toEqual(['refund']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(focused()).toBe(tagButton);

    key('?');
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    await waitFor(() => expect(focused()).toBe(help));
    key('Escape');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(focused()).toBe(tagButton);
  });

  it('after a bulk action from its bar, and after Undo from the toast, focus is on the list', async () => {
    key('j');
    key('x');
    key('j');
    key('x');
    const bar = await screen.findByTestId('bulk-bar');
    const resolve = within(bar).getByRole('button', { name: /Resolve/ });
    act(() => resolve.focus());
    fireEvent.click(resolve);
    await waitFor(() => expect(rowIds()).toEqual(['x:c']));
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
    await waitFor(() => expect(focused()).toBe(list()));

    const undo = within(screen.getByTestId('toast')).getByRole('button', { name: /Undo/ });
    act(() => undo.focus());
    fireEvent.click(undo);
    await waitFor(() => expect(rowIds()).toEqual(['x:a', 'x:b', 'x:c']));
    await waitFor(() => expect(within(screen.getByTestId('toast')).queryByRole('button', { name: /Undo/ })).toBeNull());
    await waitFor(() => expect(focused()).toBe(list()));
  });
});
