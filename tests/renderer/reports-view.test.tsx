import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { render, screen, waitFor, cleanup, within, fireEvent } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEventLog, type LogEvent } from '../../src-main/shared/events';
import { EarshotDb, setDb } from '../../src-renderer/db/schema';
import { importLog } from '../../src-renderer/reports/log-import';
import { ReportsScreen } from '../../src-renderer/reports/ReportsScreen';
import { setPolicyRecords } from '../../src-renderer/db/policies';
import { knownScenario } from './sla-fixtures';
import { quietCanvas } from './sla-test-db';

quietCanvas();

let n = 0;
const DAY = 86_400_000;

describe('the fairness report screen', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = new EarshotDb(`report-view-${++n}`);
    await db.open();
    setDb(db);
    setPolicyRecords([]);
  });
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  it('shows the sentence, the ratio with its interval and the warning for a small known dataset', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    const sentence = await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    expect(sentence.textContent).toMatch(/^Customers with under 1,000 followers waited 2\.3x longer than those with 1,000,000 or more/);
    expect(screen.getByTestId('report-ratio').getAttribute('data-value')).toBe('2.333');
    expect(screen.getByTestId('report-verdict').getAttribute('data-warning')).toBe('true');
    expect(screen.getByTestId('report-verdict').textContent).toContain('Above your limit of 1.25×');

    const everyday = screen.getByTestId('row-tier-everyday');
    const field = (row: HTMLElement, f: string): string | null => row.querySelector(`[data-field="${f}"]`)!.getAttribute('data-value');
    expect(field(everyday, 'mentions')).toBe('7');
    expect(field(everyday, 'answered')).toBe('6');
    expect(field(everyday, 'unansweredPastDue')).toBe('1');
    expect(field(everyday, 'medianFirstResponseMinutes')).toBe('35');
    expect(field(everyday, 'p90FirstResponseMinutes')).toBe('60');
    expect(field(everyday, 'skips')).toBe('1');
    expect(Number(field(everyday, 'breachRate'))).toBeCloseTo(1 / 7, 4);
  });

  it('shows a small sample as small: the row is there, marked too few to judge', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    const micro = await screen.findByTestId('row-tier-micro', {}, { timeout: 10_000 });
    expect(micro.textContent).toContain('n=2, too few to judge');
    expect(within(micro).getAllByText(/1 h/).length).toBeGreaterThan(0);
    // Tiers with no mentions at all are still listed.
    expect(screen.getByTestId('row-tier-mid').textContent).toContain('—');
  });

  it('lists who skipped whom and why', async () => {
    await importLog(db, knownScenario(Date.now() - 3 * DAY));
    render(<ReportsScreen />);
    const row = await screen.findByTestId('row-skips-mk', {}, { timeout: 10_000 });
    expect(row.textContent).toContain('1 with <1k');
    expect(row.textContent).toContain('1 with 1M+');
    expect(row.textContent).toContain("Lead's instruction (1)");
  });

  it('says plainly when there is not enough to compare', async () => {
    render(<ReportsScreen />);
    const sentence = await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    expect(sentence.textContent).toContain('Not enough answered mentions to compare reach tiers yet');
    await waitFor(() => expect(screen.getByTestId('report-verdict').getAttribute('data-warning')).toBe('false'));
  });
});

describe('the fairness report screen, compared by language', () => {
  afterEach(() => {
    cleanup();
    setDb(undefined);
  });

  it('shows the figures `fairness --by lang` prints for the hand-built log (tests/fixtures-local/fairness/by-lang.jsonl)', async () => {
    const dir = join(__dirname, '../fixtures-local/fairness');
    const expected = JSON.parse(readFileSync(join(dir, 'by-lang.expected.json'), 'utf8')) as {
      groups: Record<string, Record<string, number | null>>;
      fairnessRatio: number;
      fairnessRatioCI90: [number, number];
      sentence: string;
    };
    // The log is dated 7 December 2026 and read as of two days later; the screen reports as of now,
    // so every instant moves by the same amount (the default policy runs around the clock in UTC,
    // so no minute changes).
    const shift = Date.now() - Date.parse('2026-12-09T12:00:00Z');
    const move = (iso: string): string => new Date(Date.parse(iso) + shift).toISOString();
    const { events, errors } = parseEventLog(readFileSync(join(dir, 'by-lang.jsonl'), 'utf8'));
    expect(errors).toEqual([]);
    const moved = events.map((e): LogEvent => (e.type === 'mention' ? { ...e, at: move(e.at), mention: { ...e.mention, createdAt: move(e.mention.createdAt) } } : { ...e, at: move(e.at) }));
    const db = new EarshotDb(`report-view-by-${++n}`);
    await db.open();
    setDb(db);
    setPolicyRecords([]);
    await importLog(db, moved);
    render(<ReportsScreen />);
    await screen.findByTestId('report-sentence', {}, { timeout: 10_000 });
    fireEvent.change(screen.getByTestId('report-by'), { target: { value: 'lang' } });
    await waitFor(() => expect(screen.getByTestId('report-sentence').textContent).toBe(expected.sentence), { timeout: 10_000 });
    expect(Number(screen.getByTestId('report-ratio').getAttribute('data-value'))).toBe(expected.fairnessRatio);
    expect(screen.getByTestId('report-ci').getAttribute('data-value')).toBe(expected.fairnessRatioCI90.join(','));
    expect(screen.getByTestId('report-verdict').getAttribute('data-warning')).toBe('true');
    for (const [g, stats] of Object.entries(expected.groups)) {
      const row = screen.getByTestId(`row-group-${g}`);
      for (const f of ['mentions', 'answered', 'unansweredPastDue', 'medianFirstResponseMinutes', 'p90FirstResponseMinutes', 'breachRate', 'skips']) {
        expect(row.querySelector(`[data-field="${f}"]`)!.getAttribute('data-value'), `${g} ${f}`).toBe(String(stats[f] ?? ''));
      }
    }
    expect(screen.getByTestId('row-group-es').textContent).toContain('Spanish (es)');
  });
});
