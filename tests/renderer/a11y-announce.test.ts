import { describe, it, expect } from 'vitest';
import { due, initialAnnounce, observe, sentence } from '../../src-renderer/a11y/announce';
import { sinceLooked } from '../../src-renderer/a11y/new-since';

describe('what the live region says, and when', () => {
  it.each([
    [1, 0, 1, '1 new mention.'],
    [3, 0, 3, '3 new mentions.'],
    [2, 0, 7, '2 new mentions, 7 since you last looked.'],
    [0, 1, 0, '1 mention went past its due time.'],
    [4, 2, 4, '4 new mentions. 2 mentions went past their due time.'],
    [0, 0, 5, ''],
  ])('%i new, %i breaches, %i since looked: "%s"', (n, b, since, text) => {
    expect(sentence(n, b, since)).toBe(text);
  });

  it('what is there at start is not news; growth is, a drop is not', () => {
    let s = observe(initialAnnounce, 20, 3);
    expect(s).toMatchObject({ pendingNew: 0, pendingBreaches: 0 });
    s = observe(s, 22, 2);
    expect(s).toMatchObject({ pendingNew: 2, pendingBreaches: 0 });
    s = observe(s, 23, 4);
    expect(s).toMatchObject({ pendingNew: 3, pendingBreaches: 2 });
  });

  it('speaks at most once per gap, piling up what arrives in between', () => {
    let s = observe(observe(initialAnnounce, 10, 0), 11, 0);
    const first = due(s, 1_000, 5_000, 1);
    expect(first.say).toBe('1 new mention.');
    s = observe(observe(first.state, 12, 0), 15, 1);
    const quiet = due(s, 3_000, 5_000, 5);
    expect(quiet.say).toBeUndefined();
    const later = due(quiet.state, 6_000, 5_000, 5);
    expect(later.say).toBe('4 new mentions, 5 since you last looked. 1 mention went past its due time.');
    expect(due(later.state, 20_000, 5_000, 5).say).toBeUndefined();
  });

  it.each([
    [{ total: undefined, lookedAt: undefined }, 0],
    [{ total: 12, lookedAt: 12 }, 0],
    [{ total: 15, lookedAt: 12 }, 3],
  ])('new since looked of %o is %i', (s, n) => expect(sinceLooked(s)).toBe(n));
});
