/** Who is at the keyboard, for the events the SLA code records (the settings set it in ui-store). */
import { useUi } from '../state/ui-store';

export function currentAgent(): string {
  return useUi.getState().agent.trim() || 'me';
}
