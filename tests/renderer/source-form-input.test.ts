import { describe, it, expect } from 'vitest';
import { apiHostChanged, initialFields, toSourceInput } from '../../src-renderer/sources/source-form-input';
import type { SourceSummary } from '../../src-main/shared/sources';

const fields = (over: Record<string, string>): Record<string, string> => ({ ...initialFields(undefined), ...over });

describe('the source form turned into what main is sent', () => {
  it.each([
    {
      name: 'a feed sends its URL, profile and private-network opt-in, never X fields or credentials',
      kind: 'feed' as const,
      f: fields({ id: ' appstore-us ', url: ' https://a.test/feed ', profile: 'appstore', userId: '1', query: 'q', apiBase: 'https://x.test', monthlyReadBudget: '50', bearerToken: 't' }),
      allowPrivate: true,
      want: { id: 'appstore-us', kind: 'feed', url: 'https://a.test/feed', profile: 'appstore', allowPrivateNetwork: true, credentials: undefined, userId: undefined, query: undefined, apiBase: undefined, monthlyReadBudget: undefined },
    },
    {
      name: 'x-mentions sends the user id, budget, API base and only the tokens typed',
      kind: 'x-mentions' as const,
      f: fields({ id: 'acme', label: '  ', userId: ' 783214 ', query: 'ignored', url: 'https://ignored', monthlyReadBudget: '10000', intervalSeconds: '120', bearerToken: ' tok ' }),
      allowPrivate: true,
      want: { id: 'acme', kind: 'x-mentions', label: undefined, userId: '783214', query: undefined, url: undefined, monthlyReadBudget: 10000, intervalSeconds: 120, allowPrivateNetwork: undefined, credentials: { bearerToken: 'tok', userAccessToken: undefined } },
    },
    {
      name: 'x-search sends the query; no token typed means the saved ones are kept (no credentials)',
      kind: 'x-search' as const,
      f: fields({ id: 's', query: ' "acme air" ', userId: '9' }),
      allowPrivate: false,
      want: { id: 's', kind: 'x-search', query: '"acme air"', userId: undefined, credentials: undefined, intervalSeconds: undefined },
    },
  ])('$name', ({ kind, f, allowPrivate, want }) => {
    expect(toSourceInput(kind, f, allowPrivate)).toMatchObject(want);
  });

  it('says when the API base moved to another host (trailing slashes do not count)', () => {
    const saved = { apiBase: 'https://api.x.com/' } as SourceSummary;
    expect(apiHostChanged(undefined, 'https://other.test')).toBe(false);
    expect(apiHostChanged(saved, ' https://api.x.com ')).toBe(false);
    expect(apiHostChanged(saved, 'https://other.test')).toBe(true);
  });

  it('starts an edit from the saved source with the credential fields empty', () => {
    const saved = { id: 'a', kind: 'x-search', query: 'q', intervalSeconds: 60, hasReadCredential: true } as SourceSummary;
    expect(initialFields(saved)).toMatchObject({ id: 'a', query: 'q', intervalSeconds: '60', monthlyReadBudget: '', bearerToken: '', userAccessToken: '' });
  });
});
