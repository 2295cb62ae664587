/** Opening a mention on its site: the system browser in the desktop app, a new tab in browser mode. Never navigates the app. */
import { getBridge, isDesktop } from '../bridge';

export async function openExternally(url: string | undefined): Promise<boolean> {
  if (!url || !/^https?:\/\//i.test(url)) return false;
  if (isDesktop()) {
    const r = await getBridge().openExternal({ url });
    return r.opened;
  }
  // With noopener the browser hands back no window object, so there is nothing to check.
  window.open(url, '_blank', 'noopener,noreferrer');
  return true;
}
