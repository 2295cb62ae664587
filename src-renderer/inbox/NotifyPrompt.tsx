/** Asks once for the permission desktop alerts need (a browser asks only after a click). */
import { useState } from 'react';
import { useSettings } from '../settings/settings';

export function NotifyPrompt() {
  const { notify } = useSettings();
  const [perm, setPerm] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  if (!notify || perm !== 'default') return null;
  return (
    <button className="btn btn-quiet" title="A desktop notification when a mention that is yours, or nobody's, is about to breach" onClick={() => void Notification.requestPermission().then(setPerm)}>
      Turn on breach alerts
    </button>
  );
}
