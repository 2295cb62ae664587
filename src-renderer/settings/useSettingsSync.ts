/**
 * Keeps the UI's idea of who is at the keyboard (ui-store: agent, role, settings) in step with the
 * saved settings, and applies the role's defaults: at start (the first screen, and the first view
 * unless the inbox remembers where it was left) and whenever the role changes (the view). Defaults
 * only: nothing is locked.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db/schema';
import { SETTINGS, withDefaults } from '../db/settings';
import { getMeta } from '../db/meta';
import { useUi } from '../state/ui-store';
import { builtinView } from '../db/inbox-filter';
import { defaultViewId } from '../inbox/saved-views';
import { rememberedInbox } from '../inbox/remember';
import { agentIdOf } from './settings';
import { useDelivery } from '../state/delivery-store';

export function useSettingsSync(): void {
  // The one live read of the saved settings; everything else reads the mirror (useSettings).
  const raw = useLiveQuery(async () => ({ value: await getMeta(getDb(), SETTINGS) }), []);
  const settings = useMemo(() => raw?.value ?? withDefaults(undefined), [raw]);
  const loaded = raw !== undefined;
  const lastRole = useRef<string | undefined>(undefined);
  // A team seat's agent id comes with hello, usually after the settings were read: subscribed, so
  // "me" becomes the team agent when it arrives.
  const teamAgent = useDelivery((s) => s.agentId);
  const agent = agentIdOf(settings, teamAgent);
  const { role } = settings;
  useEffect(() => {
    if (!loaded) return;
    const ui = useUi.getState();
    ui.setIdentity(agent, role, settings);
    if (lastRole.current === role) return;
    const first = lastRole.current === undefined;
    lastRole.current = role;
    // At start, where the inbox was left; otherwise (and when the role changes) the role's default view.
    const remembered = first ? rememberedInbox() : undefined;
    if (remembered) {
      ui.applyView(remembered.viewId, remembered.filter);
      ui.select(remembered.selectedId);
    } else {
      const v = builtinView(defaultViewId(role));
      if (v) ui.applyView(v.id, v.filter);
    }
    if (first && role === 'team-lead' && ui.screen === 'inbox') ui.setScreen('reports');
  }, [loaded, agent, role, settings]);
}
