/**
 * Follow-ups over a log read in order, for readers that hold no inbox (the report commands reading
 * a team database: src-main/team/read-team-log.ts). It keeps, per mention, what follow-ups.ts reads
 * (content, and the workflow state folded with shared/workflow.ts, as the renderer folds its
 * confirmed state) and asks follow-ups.ts about each mention as it arrives: the same decisions as
 * every seat's renderer, so `fairness --team` and `voc --team` see the joins and reopenings the
 * app shows.
 */
import type { TypedLogEntry } from './log-entry';
import { reduceEntry, type WorkflowState } from './workflow';
import { contextKeys, followUpSteps, type FollowUpStep, type Thread } from './follow-ups';

type Tracked = Thread & Pick<WorkflowState, 'tags' | 'firstReplyAt'>;

export class LogThreads {
  private readonly threads = new Map<string, Tracked>();
  /** Network id of one of our replies → the mentions it answered. */
  private readonly byReplyId = new Map<string, Set<string>>();
  private readonly byConversation = new Map<string, string[]>();

  /**
   * Takes the next entry in log order. For a mention heard for the first time, what it turned out to
   * be (a follow-up, our own reply heard back), or undefined for a new request; undefined for
   * anything else.
   */
  async next(entry: TypedLogEntry): Promise<FollowUpStep | undefined> {
    if (entry.type === 'mention') return this.heard(entry.mention);
    if (!('mentionId' in entry)) return undefined; // team data (policies, saved replies...): no bearing
    const t = this.threads.get(entry.mentionId);
    if (!t) return undefined; // an action on a mention this log never heard: nothing to fold onto
    const { state } = reduceEntry(t, entry);
    for (const r of state.replyIds ?? []) this.indexReply(r, t.id);
    // Content from the mention, the whole workflow state from the fold (an unassign drops assignee).
    const next: Tracked = { id: t.id, authorKey: t.authorKey, createdMs: t.createdMs, conversationId: t.conversationId, inReplyToId: t.inReplyToId, threadRootId: t.threadRootId, ...state };
    this.threads.set(t.id, next);
    return undefined;
  }

  private async heard(m: Extract<TypedLogEntry, { type: 'mention' }>['mention']): Promise<FollowUpStep | undefined> {
    if (this.threads.has(m.id)) return undefined; // heard again: the first arrival stands
    const f: Tracked = {
      id: m.id,
      authorKey: m.author.key,
      createdMs: Date.parse(m.createdAt),
      conversationId: m.conversationId,
      inReplyToId: m.inReplyToId,
      status: 'new',
      open: 1,
      tags: [],
    };
    const keys = contextKeys([f]);
    const known = (ids: Iterable<string>): Thread[] => [...ids].flatMap((id) => this.threads.get(id) ?? []);
    const ours = known(new Set(keys.replyIds.flatMap((r) => [...(this.byReplyId.get(r) ?? [])])));
    const inConversations = known(keys.conversationIds.flatMap((c) => this.byConversation.get(c) ?? []));
    const parents = keys.parentIds.map((id) => this.threads.get(id));
    const [step] = followUpSteps([f], { ours, inConversations, parents }, (id) => this.threads.get(id));
    this.threads.set(f.id, step ? { ...f, status: 'resolved', open: 0, threadRootId: step.rootId } : f);
    if (f.conversationId) this.byConversation.set(f.conversationId, [...(this.byConversation.get(f.conversationId) ?? []), f.id]);
    if (step?.kind === 'follow-up' && step.reopen) {
      const root = this.threads.get(step.rootId)!;
      this.threads.set(root.id, { ...root, status: step.reopen.status, open: 1 });
    }
    return step;
  }

  private indexReply(replyId: string, mentionId: string): void {
    const set = this.byReplyId.get(replyId) ?? new Set<string>();
    set.add(mentionId);
    this.byReplyId.set(replyId, set);
  }
}
