import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { PolicyScreen } from '../../src-renderer/policy/PolicyScreen';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { applyMentions } from './helpers/log';
import type { Mention } from '../../src-main/shared/mention';

const MIN = 60_000;
let n = 0;

function mention(id: string, createdMs: number): Mention {
  return { id, sourceId: 'demo', channel: 'x', text: id, createdAt: new Date(createdMs).toISOString(), author: { key: `x:${id}`, handle: id, name: id, followers: 5 }, reach: { score: 5, tier: 'everyday' } };
}

describe('the SLA policy editor', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`policy-${++n}`);
    await db.open();
    setDb(db);
    setPolicyRecords([]);
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  it('saves a new version that applies only to mentions arriving after it', async () => {
    const earlier = Date.now() - 5 * MIN;
    await applyMentions(db, [mention('x:before', earlier)]);
    render(<PolicyScreen />);
    expect(screen.getByTestId('policy-active').textContent).toContain('Default policy');
    const first = screen.getByTestId('policy-firstResponseMinutes') as HTMLInputElement;
    expect(first.value).toBe('1'); // 60 minutes, shown in hours
    fireEvent.change(first, { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('policy-save'));
    await waitFor(() => expect(screen.getByTestId('policy-active').textContent).toContain('Policy v1'));

    const rows = await db.policies.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.policy).toMatchObject({ firstResponseMinutes: 120, nextResponseMinutes: 240 });

    const later = Date.now() + 1;
    await applyMentions(db, [mention('x:after', later)]);
    expect((await db.mentions.get('x:before'))!.dueAt).toBe(earlier + 60 * MIN);
    expect((await db.mentions.get('x:after'))).toMatchObject({ dueAt: later + 120 * MIN, policyId: rows[0]!.id });
    expect(screen.getByText(/applies to mentions that arrive from now on/)).toBeTruthy();
  });

  it('shows each channel’s published promise from the policy being edited, overrides included', async () => {
    render(<PolicyScreen />);
    expect(screen.getByTestId('promise-x').textContent).toBe('We answer on X within 1 hour, around the clock.');
    fireEvent.change(screen.getByLabelText('App Store first response'), { target: { value: '24' } });
    expect(screen.getByTestId('promise-appstore').textContent).toBe('We answer App Store reviews within 1 day, around the clock.');

    fireEvent.click(screen.getByLabelText('Business hours only'));
    fireEvent.change(screen.getByTestId('policy-timezone'), { target: { value: 'Europe/Lisbon' } });
    expect(screen.getByTestId('promise-x').textContent).toBe('We answer on X within 1 hour, 9:00-18:00 Lisbon time, Monday to Friday.');
    fireEvent.click(screen.getByTestId('policy-save'));
    await waitFor(async () => expect(await db.policies.count()).toBe(1));
    const saved = (await db.policies.toArray())[0]!.policy;
    expect(saved).toMatchObject({ timezone: 'Europe/Lisbon', channels: { appstore: { firstResponseMinutes: 1440 } } });
    expect((saved as { businessHours: Record<string, unknown> }).businessHours.mon).toEqual([['09:00', '18:00']]);
  });

  it('refuses to save a policy with a problem, and says where', async () => {
    render(<PolicyScreen />);
    fireEvent.change(screen.getByTestId('policy-firstResponseMinutes'), { target: { value: '' } });
    expect(screen.getByTestId('policy-problems').textContent).toMatch(/^First response:/);
    expect((screen.getByTestId('policy-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('policy-firstResponseMinutes'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('policy-fairness-limit'), { target: { value: '0.9' } });
    expect(screen.getByTestId('policy-problems').textContent).toContain('Fairness limit: the limit is a ratio above 1');
  });

  it('keeps holidays in date order and lists every version', async () => {
    render(<PolicyScreen />);
    fireEvent.click(screen.getByLabelText('Business hours only'));
    for (const d of ['2026-12-25', '2026-12-24']) {
      fireEvent.change(screen.getByLabelText('Holiday date'), { target: { value: d } });
      fireEvent.click(screen.getByText('Add holiday'));
    }
    expect(screen.getAllByLabelText(/Remove holiday/).map((b) => b.getAttribute('aria-label'))).toEqual(['Remove holiday 2026-12-24', 'Remove holiday 2026-12-25']);
    fireEvent.click(screen.getByTestId('policy-save'));
    await waitFor(() => expect(screen.getByTestId('policy-active').textContent).toContain('Policy v1'));
    expect(screen.getAllByText(/in force/).length).toBeGreaterThan(0);
  });
});
