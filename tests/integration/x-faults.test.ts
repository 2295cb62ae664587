import { describe, it, expect } from 'vitest';
import { startFakeX } from '../fakes/x-server';
import { useFakeXPerTest, pollCtx, pollFails } from '../unit/x/x-test-kit';

const HHMM_UTC = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

describe('X read faults become clear SourceErrors', () => {
  const env = useFakeXPerTest();
  const make = env.make;

  it('401: auth-error asking for a new bearer token', async () => {
    env.fake.setFault('unauthorized');
    const e = await pollFails(make(), pollCtx());
    expect(e.state).toBe('auth-error');
    expect(e.message).toBe('X refused the bearer token (401): it is wrong, revoked or expired. Paste a new token in the source settings.');
    expect(e.opts.retryAt).toBeUndefined();
  });

  it('403 client-not-enrolled: auth-error naming the Project and access level problem', async () => {
    env.fake.setFault('client-not-enrolled');
    const e = await pollFails(make(), pollCtx());
    expect(e.state).toBe('auth-error');
    expect(e.message).toBe('X refused access (403, client-not-enrolled): the app behind this token is not attached to a Project with Appropriate Level of API Access.');
    expect(e.opts.action).toMatch(/developer portal, attach the app to a Project/);
  });

  it('429 window: rate-limited until x-rate-limit-reset, saying when it resumes', async () => {
    env.fake.setFault('rate-limit', { resetInSeconds: 120 });
    const source = make();
    const e = await pollFails(source, pollCtx());
    expect(env.fake.reads()[0]!.status).toBe(429);
    const reset = Number(env.fake.reads()[0]!.responseHeaders?.['x-rate-limit-reset']);
    expect(reset * 1000).toBeGreaterThan(Date.now() + 100_000);
    expect(e.state).toBe('rate-limited');
    expect(e.opts.retryAt).toBe(reset * 1000);
    expect(e.message).toBe(`X rate limit reached; resumes by itself at ${HHMM_UTC(reset * 1000)}`);
    expect(e.opts.usage).toMatchObject({ rateLimitRemaining: 0 });
    // asking again before the reset costs no request
    const again = await pollFails(source, pollCtx());
    expect(again.state).toBe('rate-limited');
    expect(env.fake.reads()).toHaveLength(1);
  });

  it('429 usage-capped: capped until the start of next month (UTC), polling stops until then', async () => {
    env.fake.setFault('usage-capped');
    const e = await pollFails(make(), pollCtx());
    const now = new Date();
    const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(e.state).toBe('capped');
    expect(e.opts.retryAt).toBe(next);
    expect(e.message).toMatch(/^X's monthly usage cap for this app was reached \(Usage cap exceeded: Monthly product cap\); polling stops until 1 [A-Z][a-z]{2} 00:00 UTC\.$/);
  });

  it('500: error that retries by itself', async () => {
    env.fake.setFault('server-error');
    const e = await pollFails(make(), pollCtx());
    expect(e.state).toBe('error');
    expect(e.message).toBe('X is having trouble (HTTP 500); retrying.');
  });

  it('a hanging response: error after the request timeout, not later', async () => {
    env.fake.setFault('hang');
    const t0 = Date.now();
    const e = await pollFails(make({ timeoutSeconds: 0.5 }), pollCtx());
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(e.state).toBe('error');
    expect(e.message).toMatch(/^X did not answer in time \(GET \/2\/users\/:id\/mentions: no answer within 0\.5 s\); retrying\.$/);
  });

  it('malformed JSON: error that names it', async () => {
    env.fake.setFault('malformed-json');
    const e = await pollFails(make(), pollCtx());
    expect(e.state).toBe('error');
    expect(e.message).toBe('X sent an answer that is not valid JSON; retrying.');
  });

  it('an answer larger than the size limit: error, not a buffered giant', async () => {
    const e = await pollFails(make({ maxBytes: 1000 }), pollCtx());
    expect(e.state).toBe('error');
    expect(e.message).toBe('X sent an unexpectedly large answer (GET /2/users/:id/mentions: the answer is larger than 1 KB); retrying.');
  });

  it('a server that is gone: error saying X cannot be reached', async () => {
    const source = make();
    await env.fake.close();
    env.fake = await startFakeX(); // afterEach closes this one
    const e = await pollFails(source, pollCtx());
    expect(e.state).toBe('error');
    expect(e.message).toMatch(/^Could not reach X \(GET \/2\/users\/:id\/mentions: ECONNREFUSED\); retrying\.$/);
  });

  it('no bearer token: auth-error without any request', async () => {
    const e = await pollFails(make({ credentials: {} }), pollCtx());
    expect(e.state).toBe('auth-error');
    expect(e.message).toBe('No X bearer token is set for this source.');
    expect(env.fake.requests).toHaveLength(0);
  });

  it('a fault on the second page keeps the first page and remembers where to go on', async () => {
    // page 1 answers, then the server fails: the poll returns page 1 with a gap cursor
    env.fake.setFault('server-error', { after: 1 });
    const res = await make().poll(pollCtx({ sinceId: '1860000000000000098' }));
    expect(env.fake.reads().map((r) => r.status)).toEqual([200, 500]);
    expect(res.mentions).toHaveLength(5);
    expect(res.cursor).toEqual({ sinceId: '1860000000000000098', gap: { untilId: '1860000000000000101', newestId: '1860000000000000105' } });
  });
});
