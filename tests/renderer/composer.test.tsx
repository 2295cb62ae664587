import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { render, screen, fireEvent, waitFor, cleanup, configure } from '@testing-library/react';
import { Composer } from '../../src-renderer/composer/Composer';
import type { EarshotDb, MentionRecord } from '../../src-renderer/db/schema';
import { BridgeError } from '../../src-main/shared/contract';
import { saveSettings } from '../../src-renderer/settings/settings';
import { freshDb, ingest, mention, at } from './helpers/db';
import { memoryBridge, resetUi } from './helpers/dom';
import type { MemoryBridge } from '../../src-renderer/bridge/memory-bridge';

configure({ asyncUtilTimeout: 4000 });

const dana = { key: 'x:100', handle: 'danawhit', name: 'Dana Whitfield', followers: 212 };

async function setup(db: EarshotDb, id = 'x:1860000000000000105', extra = {}): Promise<MentionRecord> {
  await ingest(db, [mention(id, at(0), { author: dana, url: 'https://x.com/danawhit/status/1', ...extra })]);
  return (await db.mentions.get(id))!;
}

const box = (): HTMLTextAreaElement => screen.getByTestId('reply-input') as HTMLTextAreaElement;
const type = (text: string): void => void fireEvent.change(box(), { target: { value: text } });

describe('the composer', () => {
  let db: EarshotDb;
  let mb: MemoryBridge;
  let posted: Array<{ mentionId: string; text: string; attemptId: string }>;
  let fail: string | undefined;
  let gate: Promise<void> = Promise.resolve();
  beforeEach(async () => {
    gate = Promise.resolve();
    resetUi();
    posted = [];
    fail = undefined;
    mb = memoryBridge({
      sendReply: async (req) => {
        posted.push(req);
        await gate;
        if (fail) throw new BridgeError('failed', fail);
        return { replyId: '1860000000000000900', url: 'https://x.com/AcmeAir/status/1860000000000000900', postedAt: '2026-11-20T09:05:00.000Z' };
      },
    });
    db = await freshDb();
    await saveSettings(db, { initials: 'MK', name: 'Maya' });
  });
  afterEach(cleanup);

  it('counts as X counts: a link is 23 however long', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('Fixed: https://example.com/a/very/long/link/indeed/yes?x=1');
    expect(screen.getByTestId('reply-counter').textContent).toBe(`${7 + 23}/280`);
  });

  it('sends to X through main with an attempt id, records the reply with its link, and clears the draft', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('Sorry Dana, on it ^MK');
    box().focus();
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ mentionId: m.id, text: 'Sorry Dana, on it ^MK' });
    expect(posted[0]!.attemptId).toMatch(/^att-/);
    await waitFor(async () => expect((await db.mentions.get(m.id))!.status).toBe('waiting'));
    const replied = await db.events.filter((e) => e.type === 'replied').toArray();
    expect(replied[0]!.data).toMatchObject({ via: 'x', url: 'https://x.com/AcmeAir/status/1860000000000000900', replyId: '1860000000000000900' });
    expect(await db.drafts.get(m.id)).toBeUndefined();
    expect(box().value).toBe('');
    expect(mb.calls.filter((c) => c.name === 'sendReply')).toHaveLength(1);
    // The keyboard is handed back to the shortcuts (e resolves, n takes the next).
    expect(document.activeElement).not.toBe(box());
  });

  it('a failure says why and keeps the draft; the retry reuses the same attempt id', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    fail = 'X refused the post: You are not allowed to create a Tweet with duplicate content.';
    type('Hello again');
    fireEvent.click(screen.getByTestId('reply-send'));
    expect((await screen.findByTestId('reply-error')).textContent).toContain('duplicate content');
    expect(box().value).toBe('Hello again');
    const draft = await db.drafts.get(m.id);
    expect(draft).toMatchObject({ text: 'Hello again', attemptId: posted[0]!.attemptId });
    fail = undefined;
    fireEvent.click(screen.getByText('Try again'));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]!.attemptId).toBe(posted[0]!.attemptId);
    await waitFor(async () => expect(await db.events.filter((e) => e.type === 'replied').count()).toBe(1));
  });

  it('warns before sending more than X allows, and sends only when told to', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('退'.repeat(150));
    expect(screen.getByTestId('reply-counter').textContent).toBe('300/280');
    fireEvent.click(screen.getByTestId('reply-send'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/300 characters as X counts/);
    expect(posted).toHaveLength(0);
    fireEvent.click(screen.getByText('Send anyway'));
    await waitFor(() => expect(posted).toHaveLength(1));
  });

  it('Ctrl/⌘-Enter sends from the box', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('Quick one');
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(posted).toHaveLength(1));
  });

  it('drafts survive a restart (unmount and mount again)', async () => {
    const m = await setup(db);
    const first = render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('Half-written answer');
    first.unmount();
    await waitFor(async () => expect((await db.drafts.get(m.id))?.text).toBe('Half-written answer'));
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    await waitFor(() => expect(box().value).toBe('Half-written answer'));
  });

  it('saved replies fill in the name and my sign-off', async () => {
    const m = await setup(db);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    fireEvent.keyDown(box(), { key: 'k', ctrlKey: true });
    const find = await screen.findByLabelText('Find a saved reply');
    fireEvent.change(find, { target: { value: 'sorry' } });
    fireEvent.keyDown(find, { key: 'Enter' });
    await waitFor(() => expect(box().value).toBe("Hi Dana, sorry about this. We're looking into it now and will come back to you here. ^MK"));
  });

  it('a channel without a reply API: reply on site copies the draft and opens the link; mark replied records it', async () => {
    const m = await setup(db, 'feed:appstore-us:r1', { channel: 'appstore', url: 'https://apps.apple.com/review/1' });
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    render(<Composer root={m} target={m} viewIds={[m.id]} />);
    expect(screen.queryByTestId('reply-counter')).toBeNull();
    type('Thanks for the review, Dana');
    fireEvent.click(screen.getByText('Reply on site ↗'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('Thanks for the review, Dana'));
    expect(open).toHaveBeenCalledWith('https://apps.apple.com/review/1', '_blank', 'noopener,noreferrer');
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(async () => expect((await db.events.filter((e) => e.type === 'replied').toArray())[0]?.data).toMatchObject({ via: 'site', text: 'Thanks for the review, Dana' }));
    expect(posted).toHaveLength(0);
    open.mockRestore();
  });

  it('a send that ends after the agent opened another conversation leaves what they typed there, and no draft behind', async () => {
    let release!: () => void;
    gate = new Promise<void>((r) => (release = r));
    const m = await setup(db);
    const m2 = await setup(db, 'x:1860000000000000205');
    const { rerender } = render(<Composer root={m} target={m} viewIds={[m.id]} />);
    type('Sorry Dana, on it ^MK');
    fireEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(posted).toHaveLength(1));
    rerender(<Composer root={m2} target={m2} viewIds={[m2.id]} />);
    await waitFor(() => expect(box().value).toBe(''));
    type('Second answer');
    release();
    await waitFor(async () => expect((await db.mentions.get(m.id))!.status).toBe('waiting'));
    await new Promise((r) => setTimeout(r, 200));
    expect(box().value).toBe('Second answer');
    expect((screen.getByTestId('reply-send') as HTMLButtonElement).disabled).toBe(false);
    expect(await db.drafts.get(m.id)).toBeUndefined();
  });
});
