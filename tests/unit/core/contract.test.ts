import { describe, it, expect } from 'vitest';
import { parseRequest, parseBridgeEvent, unwrapReply, BridgeError, isCommandName, commandChannel, COMMAND_NAMES, SocketCommandSchema } from '../../../src-main/shared/contract';
import { parseLogEntry } from '../../../src-main/shared/log-entry';

describe('bridge contract validation', () => {
  it('refuses a malformed request with a message naming the field', () => {
    const r = parseRequest('hello', { position: 'seven' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid');
      expect(r.error.message).toContain('hello.position');
    }
  });

  it('refuses unknown fields instead of passing them through', () => {
    const r = parseRequest('ack', { position: 3, extra: true });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/extra/);
  });

  it('names the nested field of a malformed entry in an event', () => {
    const r = parseBridgeEvent('entries', { entries: [{ position: 1, entry: { id: 'mention:x:1', type: 'mention', at: 'now' } }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('entries.entries.0.entry.at');
  });

  it('names the nested field of a malformed mention in a log entry', () => {
    const r = parseLogEntry({ id: 'mention:x:1', type: 'mention', at: '2026-11-20T10:00:00Z', mention: { id: 'x:1', sourceId: 's', channel: 'fax', text: '', createdAt: 'now' } });
    expect('error' in r && r.error).toContain('mention.mention.channel');
    expect('error' in r && r.error).toContain('mention.mention.createdAt');
  });

  it('refuses an unknown entry type, naming the types it knows', () => {
    const r = parseLogEntry({ id: 'a', type: 'teleported', at: '2026-11-20T10:00:00Z' });
    expect('error' in r && r.error).toMatch(/unknown entry type "teleported".*assigned/);
  });

  it('the socket envelope accepts a numbered command and refuses one without a number', () => {
    expect(SocketCommandSchema.safeParse({ id: 1, command: 'hello', payload: { position: 0 } }).success).toBe(true);
    expect(SocketCommandSchema.safeParse({ command: 'hello', payload: {} }).success).toBe(false);
  });

  it('accepts a well-formed request', () => {
    expect(parseRequest('ack', { position: 4 })).toEqual({ ok: true, value: { position: 4 } });
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
