/**
 * Who else has this mention open: a dot with each other agent's initials, filled when they are
 * writing a reply, outlined when they only have it open. In a row the sentence goes into the row's
 * screen-reader label (the drawn row is hidden from it); in the thread header it is visible text and
 * a status region, so a screen reader hears "mk is writing a reply" when it starts.
 */
import { useMemo } from 'react';
import { useTeam } from './team-store';
import { useUi } from '../state/ui-store';
import { presenceMarks, type PresenceMark } from './presence-marks';
import './team.css';

/** Marks per mention for the whole list, recomputed only when presence or the roster changes. */
export function usePresenceMarks(): Map<string, PresenceMark[]> {
  const others = useTeam((s) => s.others);
  const roster = useTeam((s) => s.roster);
  const me = useUi((s) => s.agent);
  return useMemo(() => presenceMarks(others, me, roster), [others, roster, me]);
}

export function PresenceDots({ marks }: { marks: readonly PresenceMark[] }) {
  return (
    <span className="presence-dots" aria-hidden>
      {marks.map((m) => (
        <span
          key={m.agent}
          className={`presence-dot${m.drafting ? ' presence-drafting' : ''}`}
          data-testid="presence-dot"
          data-agent={m.agent}
          data-activity={m.drafting ? 'drafting' : 'viewing'}
          title={m.sentence}
        >
          {m.initials}
          {m.drafting ? <span className="presence-pen">✎</span> : null}
        </span>
      ))}
    </span>
  );
}

/** The open thread's line: dots and the sentences, announced politely when they change. */
export function ThreadPresence({ mentionIds }: { mentionIds: readonly string[] }) {
  const all = usePresenceMarks();
  // The row opened and the thread's root may differ: a teammate on either is on this conversation.
  const marks = [...new Map(mentionIds.flatMap((id) => all.get(id) ?? []).map((m) => [m.agent, m])).values()];
  return (
    <div className="thread-presence small" role="status" data-testid="thread-presence">
      {marks?.length ? (
        <>
          <PresenceDots marks={marks} />
          <span>{marks.map((m) => m.sentence).join(' · ')}</span>
        </>
      ) : null}
    </div>
  );
}
