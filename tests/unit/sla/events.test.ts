/**
 * Reading an exported event log: good lines become typed events, a bad line is reported by number
 * and field while the rest are still read, and nothing the file holds can make the reader throw.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseEventLog, EVENT_TYPES } from '../../../src-main/shared/events';
import { evaluateMentions } from '../../../src-main/shared/sla/outcomes';

const mention = {
  type: 'mention',
  at: '2026-11-20T14:03:12.000Z',
  mention: {
    id: 'x:1860000000000000105',
    sourceId: 'acme-mentions',
    channel: 'x',
    text: 'hello',
    createdAt: '2026-11-20T14:03:11.000Z',
    author: { key: 'x:1500000001', handle: 'danawhit', name: 'Dana Whitfield', followers: 212, verified: false },
    reach: { score: 23, tier: 'everyday' },
  },
};

describe('parseEventLog', () => {
  it('reads every event type of INTERFACES.md, skipping blank lines and Windows line ends', () => {
    const lines = [
      mention,
      { type: 'assigned', at: '2026-11-20T14:05:00Z', mentionId: 'x:1', agent: 'mk' },
      { type: 'replied', at: '2026-11-20T14:06:00Z', mentionId: 'x:1', agent: 'mk', via: 'x', text: 'hi' },
      { type: 'resolved', at: '2026-11-20T14:07:00Z', mentionId: 'x:1', agent: 'mk' },
      { type: 'reopened', at: '2026-11-20T15:00:00Z', mentionId: 'x:1', reason: 'customer wrote again' },
      { type: 'skipped', at: '2026-11-20T15:01:00Z', mentionId: 'x:1', agent: 'mk', takenMentionId: 'x:2', reason: 'outage' },
      { type: 'noise', at: '2026-11-20T15:02:00+01:00', mentionId: 'x:1', agent: 'mk' },
    ];
    const text = `${lines.map((l) => JSON.stringify(l)).join('\r\n')}\r\n\r\n`;
    const { events, errors } = parseEventLog(text);
    expect(errors).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['mention', 'assigned', 'replied', 'resolved', 'reopened', 'skipped', 'noise']);
  });

  it('reports a bad line by its number and field and still reads the others', () => {
    const text = [
      JSON.stringify(mention),
      '{"type":"replied","at":"2026-11-20T14:06:00Z","mentionId":"x:1"}',
      '',
      '{"type":"assigned","at":"yesterday","mentionId":"x:1","agent":"mk"}',
      '{"type":"mention","at":"2026-11-20T14:03:12Z","mention":{"id":"x:2"}}',
      '{oops',
      '{"type":"teleported","at":"2026-11-20T14:06:00Z"}',
      '[1,2]',
      '{"type":"resolved","at":"2026-11-20T14:07:00Z","mentionId":"x:1"}',
    ].join('\n');
    const { events, errors } = parseEventLog(text);
    expect(events.map((e) => e.type)).toEqual(['mention', 'resolved']);
    expect(errors.map((e) => e.line)).toEqual([2, 4, 5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/^replied\.agent: /);
    expect(errors[1]!.message).toMatch(/^assigned\.at: /);
    expect(errors[2]!.message).toMatch(/^mention\.mention\.sourceId: .*; and \d+ more$/);
    expect(errors[3]!.message).toMatch(/^not valid JSON/);
    expect(errors[4]!.message).toBe(`type: unknown event type "teleported" (expected one of ${EVENT_TYPES.join(', ')})`);
    expect(errors[5]!.message).toBe('expected a JSON object with a "type"');
  });

  it('keeps added fields out of the way (fields may be added, never renamed)', () => {
    const { events, errors } = parseEventLog('{"type":"assigned","at":"2026-11-20T14:05:00Z","mentionId":"x:1","agent":"mk","team":"eu"}');
    expect(errors).toEqual([]);
    expect(events[0]).toEqual({ type: 'assigned', at: '2026-11-20T14:05:00Z', mentionId: 'x:1', agent: 'mk' });
  });

  it('ignores a byte-order mark at the start of the file', () => {
    expect(parseEventLog(`\uFEFF${JSON.stringify(mention)}`).errors).toEqual([]);
  });

  it('never throws, whatever the file holds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ type: 'replied', x: v })))), (lines) => {
        const r = parseEventLog(lines.join('\n'));
        expect(r.events.length + r.errors.length).toBeLessThanOrEqual(lines.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('first-come takes in a log (issue 8)', () => {
  const at = (m: number): string => new Date(Date.parse('2026-11-20T14:04:00Z') + m * 60_000).toISOString();
  const ownerOf = (lines: object[]): string | null | undefined => {
    const { events } = parseEventLog(lines.map((l) => JSON.stringify(l)).join('\n'));
    return evaluateMentions(events, { now: '2026-11-20T18:00:00Z' }).outcomes[0]?.agent;
  };

  it('a take after someone else took it leaves the first taker the owner; a plain assignment overrides', () => {
    const first = { type: 'assigned', at: at(1), mentionId: 'x:1860000000000000105', agent: 'mk', take: true };
    const second = { type: 'assigned', at: at(2), mentionId: 'x:1860000000000000105', agent: 'lo', take: true };
    expect(ownerOf([mention, first, second])).toBe('mk');
    // The app's export marks a take that lost with `lostTo`; it is never the owner either.
    expect(ownerOf([mention, first, { ...second, take: undefined, lostTo: 'mk' }])).toBe('mk');
    expect(ownerOf([mention, first, { ...second, take: undefined }])).toBe('lo');
  });
});
