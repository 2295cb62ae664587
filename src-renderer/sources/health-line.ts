/** One line per source that a community manager can read at a glance (USERS.md, Maya). */
import type { SourceHealth } from '../../src-main/shared/sources';

function clock(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function healthLine(h: SourceHealth | undefined, now = Date.now()): string {
  if (!h) return 'Not started';
  const next = h.nextPollAt ? ` Next poll ${clock(h.nextPollAt)}.` : '';
  switch (h.state) {
    case 'ok': {
      const ago = h.lastPollAt ? Math.max(0, Math.round((now - Date.parse(h.lastPollAt)) / 60_000)) : undefined;
      return `${h.message}${ago !== undefined ? ` (${ago === 0 ? 'just now' : `${ago} min ago`})` : ''}.${next}`;
    }
    case 'rate-limited':
      return `${h.message} — resumes by itself${h.nextPollAt ? ` at ${clock(h.nextPollAt)}` : ''}.`;
    case 'capped':
      return `${h.message}${h.nextPollAt ? ` Polling resumes ${new Date(h.nextPollAt).toLocaleDateString()}.` : ''}`;
    case 'paused':
      return 'Paused. Nothing is polled until you resume it.';
    case 'starting':
      return h.message;
    default:
      return `${h.message}${next}`;
  }
}
