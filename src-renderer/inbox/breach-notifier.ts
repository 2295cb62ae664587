/**
 * Desktop notifications (the Notification API, in Electron's renderer and in a browser alike) when a
 * mention that is mine, or nobody's, is about to breach: due within the lead time and still waiting
 * for us. Each mention is announced once per due time; several at once make one notification.
 */
import { useEffect } from 'react';
import { getDb, type EarshotDb, type MentionRecord } from '../db/schema';
import { useUi } from '../state/ui-store';
import { agentIdOf, useSettings } from '../settings/settings';
import { formatDuration } from '../lib/time';
import { getBridge } from '../bridge';

const CHECK_EVERY_MS = 20_000;

/** Open, waiting for us, mine or nobody's, due between now and now + lead. */
export async function aboutToBreach(db: EarshotDb, me: string, nowMs: number, leadMs: number): Promise<MentionRecord[]> {
  const rows = await db.mentions.where('[open+dueAt+createdMs]').between([1, nowMs, -Infinity], [1, nowMs + leadMs, Infinity], true, true).limit(500).toArray();
  return rows.filter((m) => (m.status === 'new' || m.status === 'assigned') && (!m.assignee || m.assignee === me));
}

export function notificationsAllowed(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

const announced = new Set<string>();

export function notifyBreaches(due: MentionRecord[], nowMs: number, onOpen: (id: string) => void): number {
  const fresh = due.filter((m) => !announced.has(`${m.id}@${m.dueAt}`));
  if (!fresh.length || !notificationsAllowed()) return 0;
  for (const m of fresh) announced.add(`${m.id}@${m.dueAt}`);
  const first = fresh[0]!;
  const left = formatDuration(first.dueAt - nowMs);
  const n =
    fresh.length === 1
      ? new Notification(`Due in ${left}: @${first.author.handle || first.author.name}`, { body: first.text.slice(0, 140), tag: `earshot:${first.id}` })
      : new Notification(`${fresh.length} mentions about to breach`, { body: `The first is due in ${left}: @${first.author.handle || first.author.name}`, tag: 'earshot:breach' });
  n.onclick = () => {
    window.focus();
    onOpen(first.id);
    n.close();
  };
  return fresh.length;
}

export function useBreachNotifications(): void {
  const settings = useSettings();
  const ready = useUi((s) => s.identityReady);
  const me = agentIdOf(settings);
  const { notify, notifyLeadMinutes } = settings;
  useEffect(() => {
    if (!ready) return;
    let alive = true;
    const check = async (): Promise<void> => {
      const now = Date.now();
      const due = await aboutToBreach(getDb(), me, now, notifyLeadMinutes * 60_000);
      if (!alive) return;
      // The dock/taskbar badge (desktop) and the tab title (browser) show the count either way.
      document.title = due.length ? `(${due.length}) Earshot` : 'Earshot';
      void getBridge()
        .setAttention({ count: due.length })
        .catch(() => undefined);
      if (!notify || !notificationsAllowed()) return;
      notifyBreaches(due, now, (id) => {
        const ui = useUi.getState();
        ui.setScreen('inbox');
        ui.select(id);
      });
    };
    void check();
    const t = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(t);
    };
  }, [notify, notifyLeadMinutes, me, ready]);
}
