/**
 * Replying on X (POST /2/tweets with reply.in_reply_to_tweet_id), with one promise: a reply is
 * never posted twice, whatever times out or crashes.
 *
 * - Each send carries an attemptId chosen once per draft; a retry reuses it.
 * - The attempt is recorded durably as `sending` before the POST leaves.
 * - A confirmed post is recorded `sent`; any later call with that attemptId returns it unchanged.
 * - After an ambiguous failure (timeout, connection reset, 5xx, unreadable answer) the attempt is
 *   `unknown`. Before posting again we look for the reply on X (see x-reply-check.ts); only when it
 *   is not there do we post, and when the check itself fails we do not post at all.
 * - X's own duplicate-content refusal is the last guard: seen on a retry, it means the earlier
 *   try most likely went through.
 * Credentials are registered for redaction and never appear in a message or a log line.
 */
import { createLogger, redactSecret, type Logger } from '../../core/log';
import type { ReplyAttempt, ReplyAttemptStore } from './x-attempts';
import { XHttp, XHttpError, type OAuth1Keys, type RateWindow } from './x-http';
import { clock, dayAndClock } from './x-rate';
import { xWords } from './x-read-errors';
import { findExistingReply } from './x-reply-check';
import { PostResultSchema, parseProblem } from './x-wire';
import { timeoutMs } from '../../shared/sources';

export interface XReplierConfig {
  apiBase?: string;
  credentials: { userAccessToken?: string; oauth1?: OAuth1Keys };
  attemptStore: ReplyAttemptStore;
  timeoutMs?: number;
  now?: () => Date;
  log?: Logger;
}

export interface SendReplyRequest {
  /** `x:<tweet id>` of the mention answered. */
  mentionId: string;
  text: string;
  /** Chosen once per draft send; a retry must reuse it. */
  attemptId: string;
}

export interface SentReply {
  replyId: string;
  url: string;
  postedAt: string;
}

export interface XReplier {
  sendReply(req: SendReplyRequest): Promise<SentReply>;
  close(): Promise<void>;
}

/** A reply failure with words for the composer. `mayHavePosted`: retry with the same attemptId. */
export class ReplyError extends Error {
  constructor(
    message: string,
    readonly mayHavePosted = false,
    readonly retryAt?: number,
    /** X refused the user credential itself (401): a refresh token may renew it. */
    readonly credentialsRejected = false,
  ) {
    super(message);
    this.name = 'ReplyError';
  }
}

export const NEEDS_USER_ACCESS = 'Replying needs user access: add an OAuth 2.0 user token or OAuth 1.0a keys to the X source settings.';
const DUPLICATE = 'X refused this reply because the same text was already posted; change the wording.';

/** What one replier keeps between sends. */
interface Replier {
  /** Absent without user credentials: every send is then refused. */
  http: XHttp | undefined;
  store: ReplyAttemptStore;
  log: Logger;
  now: () => Date;
  /** The account's 24-hour posting window, as the last POST answer stated it. */
  userDay?: RateWindow;
  /** The posting account's id, once a look-up has learnt it. */
  me?: string;
}

export function createXReplier(config: XReplierConfig): XReplier {
  const { userAccessToken, oauth1 } = config.credentials;
  redactSecret(userAccessToken);
  if (oauth1) for (const s of Object.values(oauth1)) redactSecret(s);
  const http =
    userAccessToken || oauth1
      ? new XHttp({ apiBase: config.apiBase, auth: userAccessToken ? { bearer: userAccessToken } : { oauth1: oauth1 as OAuth1Keys }, timeoutMs: config.timeoutMs ?? timeoutMs() })
      : undefined;
  const r: Replier = { http, store: config.attemptStore, log: config.log ?? createLogger('x-reply'), now: config.now ?? (() => new Date()) };
  const locks = new Map<string, Promise<unknown>>();
  return {
    // One send per attemptId at a time: a double click must not race two POSTs.
    sendReply: (req) => oneAtATime(locks, req.attemptId, () => send(r, req)),
    async close() {
      await Promise.allSettled([...locks.values()]);
      http?.close();
    },
  };
}

function record(r: Replier, a: ReplyAttempt, patch: Partial<ReplyAttempt>): Promise<ReplyAttempt> {
  const next = { ...a, ...patch, updatedAt: r.now().toISOString() };
  return r.store.put(next).then(() => next);
}

async function send(r: Replier, req: SendReplyRequest): Promise<SentReply> {
  const { http, store, log, now } = r;
  const target = replyTarget(req);
  if (!http) throw new ReplyError(NEEDS_USER_ACCESS);

  const prev = await store.get(req.attemptId);
  if (prev && (prev.targetTweetId !== target || prev.text !== req.text)) {
    throw new ReplyError('This send was already used for a different reply; send the new text as a new reply.');
  }
  if (prev?.state === 'sent' && prev.replyId) return result(prev);
  // An earlier try that may be on X (no clear answer, or a crash before one).
  const uncertain = prev?.state === 'sending' || prev?.state === 'unknown';
  if (prev && uncertain) {
    const found = await lookUp(r, prev);
    if (found) {
      log.info('an earlier try had been posted; not posting again', { attemptId: req.attemptId, replyId: found.id });
      return result(await record(r, prev, { state: 'sent', replyId: found.id, url: permalink(found.id), postedAt: found.createdAt ?? now().toISOString() }));
    }
  }
  const t = now().getTime();
  if (r.userDay && r.userDay.remaining <= 0 && r.userDay.resetMs > t) throw userLimitError(r.userDay);

  let attempt: ReplyAttempt;
  try {
    attempt = await record(
      r,
      prev ?? { attemptId: req.attemptId, targetTweetId: target, text: req.text, state: 'sending', createdAt: now().toISOString(), updatedAt: '' },
      { state: 'sending', error: undefined },
    );
  } catch (e) {
    // Without the record a timeout could not be told apart from "never sent": do not send.
    throw new ReplyError(`Could not record the reply on disk (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing was sent.`);
  }
  log.info('posting a reply', { attemptId: req.attemptId, inReplyTo: target, retry: uncertain });
  let id: string;
  try {
    const posted = await postReply(http, target, req.text);
    r.userDay = posted.userDay ?? r.userDay;
    id = posted.id;
  } catch (e) {
    const outcome = await failed(r, attempt, e, uncertain);
    if (outcome instanceof ReplyError) throw outcome;
    return outcome;
  }
  const sent = { ...attempt, state: 'sent' as const, replyId: id, url: permalink(id), postedAt: now().toISOString() };
  // The reply is on X whatever happens to this write; a retry that finds the record still
  // `sending` checks X first and finds it there.
  await record(r, attempt, sent).catch((e: unknown) => log.warn('could not record the sent reply', { attemptId: req.attemptId, why: (e as Error).message }));
  return result(sent);
}

/**
 * Turns a POST failure into a ReplyError, recording what it means for the attempt; or, when the
 * failure shows an earlier try had gone through, into that reply.
 */
async function failed(r: Replier, attempt: ReplyAttempt, e: unknown, afterUncertainTry: boolean): Promise<ReplyError | SentReply> {
  const err = e instanceof XHttpError ? e : new XHttpError('network', e instanceof Error ? e.message : String(e));
  const status = err.details.status ?? 0;
  if (err.kind !== 'status' || status >= 500) {
    await record(r, attempt, { state: 'unknown', error: err.kind }).catch(() => undefined);
    r.log.warn('reply not confirmed; it may have been posted', { attemptId: attempt.attemptId, why: err.message });
    return notConfirmed(err);
  }
  r.userDay = err.details.userDay ?? r.userDay;
  const problem = parseProblem(err.details.body);
  const detail = xWords(problem.detail ?? problem.title);
  let out: ReplyError;
  if (status === 403 && /duplicate content/i.test(detail)) {
    if (afterUncertainTry) {
      // X says this text exists, and we sent it before without an answer: most likely ours.
      const found = await lookUp(r, attempt).catch(() => undefined);
      if (found) return result(await record(r, attempt, { state: 'sent', replyId: found.id, url: permalink(found.id), postedAt: found.createdAt ?? r.now().toISOString() }));
      out = new ReplyError('X says this exact text is already posted, so the earlier try most likely went through; check the conversation on X before changing the wording.');
    } else out = new ReplyError(DUPLICATE);
  } else {
    out = refusal(status, err, problem.type, detail, r.now().getTime());
  }
  await record(r, attempt, { state: 'failed', error: out.message }).catch(() => undefined);
  return out;
}

async function lookUp(r: Replier, a: ReplyAttempt): Promise<{ id: string; createdAt?: string } | undefined> {
  try {
    const res = await findExistingReply(r.http as XHttp, a, r.me);
    r.me = res.me;
    return res.found;
  } catch (e) {
    r.log.warn('could not check X for an earlier try', { attemptId: a.attemptId, why: e instanceof Error ? e.message : String(e) });
    throw new ReplyError(
      'Could not check on X whether the earlier try was posted; not sending again, so it cannot be posted twice. Try again in a moment.',
      true,
    );
  }
}

/** The tweet id a reply answers; refuses what Earshot cannot post (another channel, an empty text). */
function replyTarget(req: SendReplyRequest): string {
  const target = /^x:(\d{1,25})$/.exec(req.mentionId)?.[1];
  if (!target) throw new ReplyError('Only X mentions can be answered from Earshot; answer this one on its site.');
  if (!req.text.trim()) throw new ReplyError('The reply is empty.');
  return target;
}

/** POST /2/tweets as a reply; a 2xx without the new post's id counts as unreadable (maybe posted). */
async function postReply(http: XHttp, target: string, text: string): Promise<{ id: string; userDay?: RateWindow }> {
  const res = await http.post({ path: 'tweets', body: { text, reply: { in_reply_to_tweet_id: target } } });
  const parsed = PostResultSchema.safeParse(res.data);
  if (!parsed.success) throw new XHttpError('malformed', 'POST /2/tweets: X confirmed without the new post id');
  return { id: parsed.data.data.id, userDay: res.userDay };
}

/** Runs `work` after any earlier work under the same key has settled. */
function oneAtATime<T>(locks: Map<string, Promise<unknown>>, key: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(work);
  const settled = run.catch(() => undefined);
  locks.set(key, settled);
  void settled.then(() => {
    if (locks.get(key) === settled) locks.delete(key);
  });
  return run;
}

/** No clear answer (timeout, connection, 5xx, unreadable): the reply may be on X. */
function notConfirmed(err: XHttpError): ReplyError {
  const status = err.details.status ?? 0;
  const why = err.kind === 'timeout' ? 'no answer in time' : err.kind === 'status' ? `HTTP ${status}` : err.kind === 'network' ? 'the connection failed' : 'an unreadable answer';
  return new ReplyError(
    `X did not confirm the reply (${why}); it may or may not have been posted. Sending again is safe: Earshot checks X first and never posts it twice.`,
    true,
  );
}

/** A clear 4xx refusal (not the duplicate-content one) in words for the composer. */
function refusal(status: number, err: XHttpError, problemType: string | undefined, detail: string, nowMs: number): ReplyError {
  if (status === 401) return new ReplyError(`X refused the user credentials (401): they are wrong, revoked or expired. ${NEEDS_USER_ACCESS}`, false, undefined, true);
  if (status === 403 && /unsupported-authentication|client-forbidden/.test(problemType ?? '')) return new ReplyError(`${NEEDS_USER_ACCESS} (X refused this credential for posting, 403.)`);
  if (status === 429 && err.details.userDay && err.details.userDay.remaining <= 0) return userLimitError(err.details.userDay);
  if (status === 429) {
    const at = err.details.rate?.resetMs ?? nowMs + 15 * 60_000;
    return new ReplyError(`X's rate limit for posting is reached; try again after ${clock(at)}.`, false, at);
  }
  return new ReplyError(`X refused this reply (${status})${detail ? ': ' + detail : ''}.`);
}

function result(a: ReplyAttempt): SentReply {
  return { replyId: a.replyId as string, url: a.url ?? permalink(a.replyId as string), postedAt: a.postedAt ?? a.updatedAt };
}

/** A permalink that needs no handle (we post as the token's account; its handle is not needed). */
function permalink(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

function userLimitError(w: RateWindow): ReplyError {
  return new ReplyError(
    `This X account has used its 24-hour posting limit (${w.limit} posts); replies can be sent again at ${dayAndClock(w.resetMs)}.`,
    false,
    w.resetMs,
  );
}
