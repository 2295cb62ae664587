import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, cleanup, fireEvent, act, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { useSkipGuard, guardTake, mentionsPassedOver } from '../../src-renderer/sla/skip-guard';
import { SkipDialogHost } from '../../src-renderer/sla/SkipDialog';
import { useSkipPrompt } from '../../src-renderer/sla/skip-prompt';
import { openMention, put } from './sla-test-db';

let n = 0;
const T = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;

function TakeButton({ id, view }: { id: string; view: string[] }) {
  const guard = useSkipGuard();
  const [result, setResult] = useState('');
  return (
    <>
      <button onClick={() => void guard(id, view).then((ok) => setResult(String(ok)))}>take {id}</button>
      <output data-testid="result">{result}</output>
    </>
  );
}

describe('the skip guard', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`skip-${++n}`);
    await db.open();
    setDb(db);
    await put(db, openMention('a', T), openMention('b', T + 10 * MIN), openMention('c', T + 20 * MIN), openMention('d', T + 30 * MIN));
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  const skipped = () => db.events.filter((e) => e.type === 'skipped').toArray();

  it('asks nothing when the mention taken is the first due', async () => {
    render(<TakeButton id="a" view={['a', 'b', 'c', 'd']} />);
    fireEvent.click(screen.getByText('take a'));
    await waitFor(() => expect(screen.getByTestId('result').textContent).toBe('true'));
    expect(screen.queryByTestId('skip-dialog')).toBeNull();
    expect(await skipped()).toEqual([]);
  });

  it('asks once for a reason and records a skipped event on every mention passed over', async () => {
    render(
      <>
        <SkipDialogHost />
        <TakeButton id="c" view={['a', 'b', 'c', 'd']} />
      </>,
    );
    fireEvent.click(screen.getByText('take c'));
    const dialog = await screen.findByTestId('skip-dialog');
    expect(dialog.textContent).toContain('2 older-due mentions');
    expect(dialog.textContent).toContain('Author a');
    expect(dialog.textContent).toContain('Author b');
    expect(dialog.textContent).not.toContain('Author d');
    const confirm = screen.getByTestId('skip-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/Legal or compliance/));
    fireEvent.change(screen.getByTestId('skip-note'), { target: { value: 'press enquiry' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.getByTestId('result').textContent).toBe('true'));
    const events = await skipped();
    expect(events.map((e) => e.mentionId).sort()).toEqual(['a', 'b']);
    for (const e of events) expect(e).toMatchObject({ agent: 'me', data: { takenMentionId: 'c', reason: 'legal', note: 'press enquiry' } });
    expect(screen.queryByTestId('skip-dialog')).toBeNull();

    // Replying to the same mention afterwards does not ask again.
    fireEvent.click(screen.getByText('take c'));
    await waitFor(() => expect(screen.queryByTestId('skip-dialog')).toBeNull());
    await act(async () => {
      expect(await guardTake(db, 'c', ['a', 'b', 'c', 'd'])).toBe(true);
    });
    expect(await skipped()).toHaveLength(2);
  });

  it('goes back without recording anything when cancelled', async () => {
    render(
      <>
        <SkipDialogHost />
        <TakeButton id="b" view={['a', 'b', 'c', 'd']} />
      </>,
    );
    fireEvent.click(screen.getByText('take b'));
    await screen.findByTestId('skip-dialog');
    fireEvent.keyDown(screen.getByTestId('skip-dialog'), { key: 'Escape' });
    await waitFor(() => expect(screen.getByTestId('result').textContent).toBe('false'));
    expect(await skipped()).toEqual([]);
  });

  it('needs words for "other", and takes a reason from the number keys', async () => {
    render(
      <>
        <SkipDialogHost />
        <TakeButton id="b" view={['a', 'b']} />
      </>,
    );
    fireEvent.click(screen.getByText('take b'));
    const dialog = await screen.findByTestId('skip-dialog');
    fireEvent.keyDown(dialog, { key: '6' });
    const confirm = screen.getByTestId('skip-confirm') as HTMLButtonElement;
    await waitFor(() => expect((screen.getByLabelText(/Other/) as HTMLInputElement).checked).toBe(true));
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('skip-note'), { target: { value: 'customer is on the phone with us' } });
    expect(confirm.disabled).toBe(false);
    fireEvent.keyDown(dialog, { key: '1' });
    await waitFor(() => expect((screen.getByLabelText(/Safety/) as HTMLInputElement).checked).toBe(true));
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.getByTestId('result').textContent).toBe('true'));
    expect((await skipped())[0]).toMatchObject({ mentionId: 'a', data: { reason: 'safety' } });
  });

  it('does not count mentions that do not wait for us or that belong to someone else', async () => {
    await db.mentions.update('a', { status: 'waiting' });
    await db.mentions.update('b', { assignee: 'lb', status: 'assigned' });
    await put(db, openMention('z', T - 5 * MIN, { status: 'noise', open: 0 }));
    expect(await mentionsPassedOver(db, 'c', ['z', 'a', 'b', 'c'], 'mk')).toEqual([]);
    await db.mentions.update('b', { assignee: 'mk' });
    expect((await mentionsPassedOver(db, 'c', ['z', 'a', 'b', 'c'], 'mk')).map((m) => m.id)).toEqual(['b']);
  });

  it('with no dialog mounted, refuses with a clear message and mounts no second React root', async () => {
    expect(useSkipPrompt.getState().hosts).toBe(0);
    await expect(guardTake(db, 'b', ['a', 'b'], 'pr')).rejects.toThrow(/no dialog to show it: render <SkipDialogHost \/> once in the app/);
    expect(document.body.querySelector('[data-testid="skip-dialog"]')).toBeNull();
    expect(document.body.children).toHaveLength(0);
    expect(useSkipPrompt.getState().question).toBeUndefined();
    expect(await skipped()).toEqual([]);
  });
});
