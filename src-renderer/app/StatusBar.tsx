import { useDelivery } from '../state/delivery-store';

/** One line at the bottom: is Earshot connected, and is a backlog still coming in? */
export function StatusBar() {
  const { connection, lastSeq, ackedSeq, received, error } = useDelivery();
  const behind = Math.max(0, lastSeq - ackedSeq);
  const state =
    connection !== 'open' ? (connection === 'connecting' ? 'Connecting to Earshot…' : 'Disconnected — reconnecting…') : behind > 0 ? `Receiving: ${behind} batch${behind === 1 ? '' : 'es'} still coming in` : 'Live';
  return (
    // The footer is the page's contentinfo landmark; the live status is a region inside it.
    <footer className="statusbar">
      <div className="statusbar-live" role="status">
        <span className={`dot dot-${connection === 'open' ? (behind ? 'busy' : 'ok') : 'down'}`} aria-hidden />
        <span data-testid="delivery-state">{state}</span>
        <span className="muted">· {received} received this session</span>
        {error ? <span className="error">· {error}</span> : null}
      </div>
    </footer>
  );
}
