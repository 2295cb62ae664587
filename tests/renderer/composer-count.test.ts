import { describe, it, expect } from 'vitest';
import { countForX } from '../../src-renderer/composer/count';
import { fillTemplate, varsFor } from '../../src-renderer/composer/saved-replies';
import { DEFAULT_SETTINGS } from '../../src-renderer/settings/settings';

describe('counting as X counts (twitter-text)', () => {
  it('counts any URL as 23', () => {
    expect(countForX('https://example.com/a/very/long/path/that/goes/on/and/on?with=query').weighted).toBe(23);
    expect(countForX('see example.com').weighted).toBe(4 + 23);
  });

  it('counts an emoji as 2, even one made of several code points', () => {
    expect(countForX('😀').weighted).toBe(2);
    expect(countForX('👩‍👩‍👧').weighted).toBe(2);
  });

  it('counts each CJK character as 2', () => {
    expect(countForX('日本語').weighted).toBe(6);
    expect(countForX('退款').weighted).toBe(4);
  });

  it('is over the limit past 280 weighted, not 280 characters', () => {
    expect(countForX('a'.repeat(280))).toMatchObject({ weighted: 280, over: false, valid: true });
    expect(countForX('字'.repeat(141))).toMatchObject({ weighted: 282, over: true, valid: false });
  });
});

describe('saved reply variables', () => {
  it('fills the first name, handle, agent and sign-off', () => {
    const vars = varsFor({ author: { key: 'x:1', handle: 'danawhit', name: 'Dana Whitfield', followers: 1 } }, { ...DEFAULT_SETTINGS, name: 'Maya', initials: 'mk' });
    expect(fillTemplate('Hi {name} ({handle}), {agent} here. {signoff}', vars)).toBe('Hi Dana (@danawhit), Maya here. ^MK');
  });

  it('leaves unknown braces alone and falls back to the handle without a name', () => {
    const vars = varsFor({ author: { key: 'r:x', handle: 'leo_s', name: '', followers: null } }, DEFAULT_SETTINGS);
    expect(fillTemplate('Hi {name}, ref {booking}', vars)).toBe('Hi leo_s, ref {booking}');
  });
});
