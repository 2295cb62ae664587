/** Shared set-up for the X connector tests: poll contexts, sources on the fake server, temp dirs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, beforeEach, afterEach } from 'vitest';
import { createLogger, setLogSink } from '../../../src-main/core/log';
import { SourceError, type PollContext, type PollResult, type Source } from '../../../src-main/sources/source';
import { createXSource, type XSourceConfig, type XSourceDeps } from '../../../src-main/sources/x/x-source';
import { createJsonFileUsageStore } from '../../../src-main/sources/x/x-usage';
import { FAKE_BEARER, startFakeX, type FakeX } from '../../fakes/x-server';

export const ACME_ID = '783214';

export function tempDir(prefix = 'earshot-x-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function pollCtx(cursor?: unknown, now: () => Date = () => new Date()): PollContext {
  return { cursor, signal: new AbortController().signal, now, log: createLogger('x-test') };
}

/** An x-mentions source (or x-search with `kind`) pointed at the fake, counting reads in `dir`. */
export function fakeSource(fake: FakeX, dir: string, over: Partial<XSourceConfig> = {}, deps: Partial<XSourceDeps> = {}): Source {
  const kind = over.kind ?? 'x-mentions';
  return createXSource(
    {
      id: kind === 'x-search' ? 'acme-search' : 'acme-mentions',
      kind,
      userId: kind === 'x-mentions' ? ACME_ID : undefined,
      query: kind === 'x-search' ? '"acme air" -is:retweet' : undefined,
      apiBase: fake.url,
      credentials: { bearerToken: FAKE_BEARER },
      timeoutSeconds: 2,
      ...over,
    },
    { usageStore: createJsonFileUsageStore(join(dir, `usage-${over.id ?? kind}.json`)), ...deps },
  );
}

/** Polls and expects a SourceError (and nothing else). */
export async function pollFails(source: Source, ctx: PollContext): Promise<SourceError> {
  let result: PollResult | undefined;
  try {
    result = await source.poll(ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(SourceError);
    return e as SourceError;
  }
  throw new Error(`expected the poll to fail, it returned ${result.mentions.length} mention(s)`);
}

export const ids = (r: PollResult): string[] => r.mentions.map((m) => m.id);

/**
 * A fresh fake X server and temp dir for each test, and the sources made against it, all closed
 * after the test: the setup every X integration test shares. Read `env.fake` and `env.dir` inside
 * tests (they change per test).
 */
export function useFakeXPerTest(): { fake: FakeX; dir: string; make: (over?: Partial<XSourceConfig>, deps?: Partial<XSourceDeps>) => Source } {
  const sources: Source[] = [];
  const env = {
    fake: undefined as unknown as FakeX,
    dir: '',
    make: (over: Partial<XSourceConfig> = {}, deps: Partial<XSourceDeps> = {}): Source => {
      const s = fakeSource(env.fake, env.dir, over, deps);
      sources.push(s);
      return s;
    },
  };
  beforeEach(async () => {
    setLogSink(() => undefined);
    env.fake = await startFakeX();
    env.dir = tempDir();
  });
  afterEach(async () => {
    await Promise.all(sources.splice(0).map((s) => s.close?.()));
    await env.fake.close();
    setLogSink(null);
  });
  return env;
}
