/** The X connector: reading sources (mentions, recent search) and replying. */
export { createXSource, MAX_PAGES, type XSourceConfig, type XSourceDeps } from './x-source';
export { refreshUserToken, type RenewedTokens } from './x-oauth2';
export { createXReplier, ReplyError, NEEDS_USER_ACCESS, type XReplier, type XReplierConfig, type SendReplyRequest, type SentReply } from './x-reply';
export { JsonlAttemptStore, createMemoryAttemptStore, type ReplyAttempt, type ReplyAttemptStore, type AttemptState } from './x-attempts';
export { createJsonFileUsageStore, createMemoryUsageStore, type UsageState, type UsageStore } from './x-usage';
export type { XCursor } from './x-cursor';
export { DEFAULT_API_BASE, type OAuth1Keys } from './x-http';
