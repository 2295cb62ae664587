/**
 * Sending replies: picks the source that can reply on the mention's network and hands the reply
 * to its connector. Only X has a reply API; other channels are answered on the site.
 */
import type { CommandRequest, CommandResponse } from '../shared/contract';
import type { SourceRegistry } from './registry';
import type { Logger } from './log';

export class ReplyService {
  constructor(
    private readonly registry: SourceRegistry,
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  async send(req: CommandRequest<'sendReply'>): Promise<CommandResponse<'sendReply'>> {
    if (!req.mentionId.startsWith('x:')) {
      throw new Error('This channel has no reply API: use "reply on site", then "mark replied".');
    }
    const withUser = this.registry.configsOfKind(['x-mentions', 'x-search']).find((s) => s.creds?.userAccessToken || s.creds?.oauth1);
    if (!withUser) {
      throw new Error('Replying on X needs user access: add an OAuth 2.0 user token or OAuth 1.0a keys to an X source.');
    }
    this.log.info('reply requested', { mentionId: req.mentionId, via: withUser.config.id, dataDir: this.dataDir ? 'set' : 'unset' });
    throw new Error('Replying on X is not available in this build yet.');
  }
}
