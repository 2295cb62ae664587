/**
 * Sending replies: picks the X source that holds user credentials and hands the reply to the X
 * replier, which records every attempt durably before sending so a retry never posts twice.
 * Only X has a reply API; other channels are answered on the site ("reply on site", "mark replied").
 */
import { join } from 'node:path';
import type { CommandRequest, CommandResponse } from '../shared/contract';
import type { SourceRegistry } from './registry';
import type { Logger } from './log';
import { createXReplier, JsonlAttemptStore, NEEDS_USER_ACCESS, ReplyError, refreshUserToken, type XReplier, type ReplyAttemptStore } from '../sources/x';

export class ReplyService {
  private attempts: Promise<ReplyAttemptStore> | undefined;
  private replier: { key: string; replier: XReplier } | undefined;

  constructor(
    private readonly registry: SourceRegistry,
    private readonly dataDir: string,
    private readonly log: Logger,
    /** Team mode: the team database's attempt table, so no seat ever posts a reply twice. */
    private readonly attemptStore?: ReplyAttemptStore,
  ) {}

  async send(req: CommandRequest<'sendReply'>): Promise<CommandResponse<'sendReply'>> {
    if (!req.mentionId.startsWith('x:')) {
      throw new Error('This channel has no reply API: use "reply on site", then "mark replied".');
    }
    try {
      return await (await this.replierFor()).replier.sendReply(req);
    } catch (e) {
      // An expired OAuth 2.0 token is renewed once with its refresh token, then the same attempt
      // is sent again (the attempt id keeps it from ever posting twice).
      const { config, creds } = this.userSource();
      if (!(e instanceof ReplyError && e.credentialsRejected && creds?.refreshToken && creds.clientId)) throw e;
      this.log.info('the user token was refused; renewing it with the refresh token', { via: config.id });
      const renewed = await refreshUserToken({ apiBase: config.apiBase, clientId: creds.clientId, refreshToken: creds.refreshToken });
      await this.registry.updateCredentials(config.id, { userAccessToken: renewed.accessToken, refreshToken: renewed.refreshToken ?? creds.refreshToken });
      return (await this.replierFor()).replier.sendReply(req);
    }
  }

  private userSource(): ReturnType<SourceRegistry['configsOfKind']>[number] {
    const withUser = this.registry.configsOfKind(['x-mentions', 'x-search']).find((s) => s.creds?.userAccessToken || s.creds?.oauth1);
    if (!withUser) throw new Error(NEEDS_USER_ACCESS);
    return withUser;
  }

  /** One replier per credential set; renewed or edited credentials get a fresh one. */
  private async replierFor(): Promise<{ key: string; replier: XReplier }> {
    const { config, creds } = this.userSource();
    const key = `${config.id}|${config.apiBase ?? ''}|${creds?.userAccessToken ?? ''}|${creds?.oauth1?.accessToken ?? ''}`;
    if (this.replier?.key !== key) {
      await this.replier?.replier.close();
      this.attempts ??= this.attemptStore ? Promise.resolve(this.attemptStore) : JsonlAttemptStore.open(join(this.dataDir, 'x-reply-attempts.jsonl'));
      this.replier = {
        key,
        replier: createXReplier({
          apiBase: config.apiBase,
          credentials: { userAccessToken: creds?.userAccessToken, oauth1: creds?.oauth1 },
          attemptStore: await this.attempts,
          log: this.log,
        }),
      };
    }
    return this.replier;
  }

  async close(): Promise<void> {
    await this.replier?.replier.close();
  }
}
