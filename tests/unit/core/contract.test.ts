import { describe, it, expect } from 'vitest';
import { parseRequest, parseEvent, unwrapReply, BridgeError, isCommandName, commandChannel, COMMAND_NAMES } from '../../../src-main/shared/contract';

describe('bridge contract validation', () => {
  it('refuses a malformed request with a message naming the field', () => {
    const r = parseRequest('hello', { lastAckedSeq: 'seven' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toContain('hello.lastAckedSeq');
    }
  });

  it('refuses unknown fields instead of passing them through', () => {
    const r = parseRequest('ack', { seq: 3, extra: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/extra/);
  });

  it('names the nested field of a malformed mention in an event', () => {
    const r = parseEvent('mentions', { seq: 1, mentions: [{ id: 'x:1', sourceId: 's', channel: 'fax', text: '', createdAt: 'now' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('mentions.mentions.0.channel');
      expect(r.error.message).toContain('mentions.mentions.0.createdAt');
    }
  });

  it('accepts a well-formed request', () => {
    expect(parseRequest('ack', { seq: 4 })).toEqual({ ok: true, value: { seq: 4 } });
  });

  it('turns an error reply into a BridgeError carrying its code', () => {
    expect(() => unwrapReply('ack', { ok: false, error: { code: 'not-found', message: 'no such thing' } })).toThrow(BridgeError);
    try {
      unwrapReply('ack', { ok: false, error: { code: 'not-found', message: 'no such thing' } });
    } catch (e) {
      expect((e as BridgeError).code).toBe('not-found');
    }
  });

  it('refuses a reply whose value does not match the response schema', () => {
    expect(() => unwrapReply('hello', { ok: true, value: { mode: 'tv' } })).toThrow(/hello/);
  });

  it('knows only its own command names and derives channels from them', () => {
    expect(isCommandName('hello')).toBe(true);
    expect(isCommandName('constructor')).toBe(false);
    expect(isCommandName('__proto__')).toBe(false);
    expect(new Set(COMMAND_NAMES.map(commandChannel)).size).toBe(COMMAND_NAMES.length);
  });
});
