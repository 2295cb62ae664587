/** Who is at the keyboard, for the events the SLA code records (the settings set it in ui-store). */
import { ANONYMOUS_AGENT } from '../db/settings';
import { useUi } from '../state/ui-store';

export function currentAgent(): string {
  return useUi.getState().agent.trim() || ANONYMOUS_AGENT;
}
