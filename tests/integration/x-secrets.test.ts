import { describe, it, expect, afterEach } from 'vitest';
import { join } from 'node:path';
import { createLogger, redact, setLogSink } from '../../src-main/core/log';
import { SourceError, type Source } from '../../src-main/sources/source';
import { JsonlAttemptStore } from '../../src-main/sources/x/x-attempts';
import { createXReplier } from '../../src-main/sources/x/x-reply';
import { startFakeX, type FakeX, type XFault } from '../fakes/x-server';
import { fakeSource, pollCtx, tempDir } from '../unit/x/x-test-kit';

// Distinctive values so a leak cannot hide behind a common substring.
const BEARER = 'AAAAAAAAAAAAAAAAAAAAAsecretBEARERzz9%2Fq8';
const USER = 'dXNlci10b2tlbi1zZWNyZXQtVVNFUi1xNw';
const OAUTH1 = { appKey: 'appkeySECRETkey1', appSecret: 'appsecretSECRETsecret2', accessToken: '783214-accessSECRET3', accessSecret: 'accesssecretSECRET4' };
const ALL = [BEARER, USER, ...Object.values(OAUTH1)];

describe('credentials stay out of messages and logs', () => {
  let fake: FakeX | undefined;
  afterEach(async () => {
    await fake?.close();
    setLogSink(null);
  });

  it('no token string appears in any thrown message or captured log line', async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    fake = await startFakeX({ bearerToken: BEARER, userAccessToken: USER });
    const dir = tempDir();
    const seen: string[] = [];
    const record = (e: unknown): void => {
      seen.push(String(e), (e as Error).stack ?? '', JSON.stringify(e));
      if (e instanceof SourceError) seen.push(e.opts.action ?? '', JSON.stringify(e.opts.usage ?? {}));
    };
    const log = createLogger('secrets-test');

    const faults: (XFault | null)[] = [null, 'unauthorized', 'client-not-enrolled', 'rate-limit', 'usage-capped', 'server-error', 'hang', 'malformed-json'];
    for (const fault of faults) {
      const source: Source = fakeSource(fake, dir, { id: `s-${fault ?? 'ok'}`, timeoutSeconds: 0.8, credentials: { bearerToken: BEARER } });
      fake.setFault(fault);
      try {
        const res = await source.poll({ ...pollCtx(), log });
        seen.push(JSON.stringify(res));
      } catch (e) {
        record(e);
      }
      await source.close?.();
    }
    fake.setFault(null);

    const replyFaults: (XFault | null)[] = [null, 'duplicate-post', 'user-limit', 'unauthorized', 'slow-post'];
    for (const [i, fault] of replyFaults.entries()) {
      for (const credentials of [{ userAccessToken: USER }, { oauth1: OAUTH1 }, { userAccessToken: BEARER }]) {
        const r = createXReplier({ apiBase: fake.url, credentials, attemptStore: await JsonlAttemptStore.open(join(dir, 'a.jsonl')), timeoutMs: 800, log });
        fake.setFault(fault, { delayMs: 2000 });
        try {
          seen.push(JSON.stringify(await r.sendReply({ mentionId: 'x:1860000000000000105', text: `reply ${i} ${JSON.stringify(credentials).length}`, attemptId: `att-${i}-${Math.random()}` })));
        } catch (e) {
          record(e);
        }
        await r.close();
      }
    }

    // The tokens were really in play...
    const auths = fake.requests.map((q) => String(q.headers.authorization));
    expect(auths).toContain(`Bearer ${BEARER}`);
    expect(auths).toContain(`Bearer ${USER}`);
    expect(auths.some((a) => a.startsWith('OAuth ') && a.includes(encodeURIComponent(OAUTH1.accessToken)))).toBe(true);
    // ...every one of them is registered for redaction...
    for (const t of ALL) expect(redact(`x${t}x`)).toBe('x***x');
    // ...and none shows in what was thrown or logged.
    expect(seen.length).toBeGreaterThan(20);
    expect(lines.length).toBeGreaterThan(10);
    for (const text of [...seen, ...lines]) {
      for (const t of ALL) expect(text).not.toContain(t);
    }
  });
});
