/** The inbox's overlays: shortcut sheet, assign and tag pickers, save view. One open at a time (ui-store). */
import { useEffect, useRef, useState } from 'react';
import { useReturnFocus } from '../a11y/use-return-focus';
import { getDb } from '../db/schema';
import { useUi } from '../state/ui-store';
import { SHORTCUTS } from './shortcuts';
import { Picker, type PickItem } from './Picker';
import type { InboxCommands } from './commands';
import type { FilterChoices } from './inbox-data';
import type { InboxFilter } from '../db/inbox-filter';
import type { MentionRecord } from '../db/schema';
import { saveView } from './saved-views';
import { getBridge } from '../bridge';
import { useDelivery } from '../state/delivery-store';
import { useTeam } from '../team/team-store';
import { loadRoster } from '../team/presence-sync';
import { rosterItems } from '../team/roster';

/** `selected`: the open mention as shown (undefined: none, or not read yet). */
export function Overlays({ commands, choices, filter, selected }: { commands: InboxCommands; choices: FilterChoices; filter: InboxFilter; selected: MentionRecord | undefined }) {
  const overlay = useUi((s) => s.overlay);
  const close = useUi((s) => s.closeOverlay);
  const me = useUi((s) => s.agent);
  const count = useUi((s) => (s.checked.size ? s.checked.size : s.selectedId ? 1 : 0));
  const what = count === 1 ? 'this mention' : `${count} mentions`;
  const noneChecked = useUi((s) => s.checked.size === 0);
  const selectedId = useUi((s) => s.selectedId);
  // The menu acts on the open mention alone, and `selected` is that mention (not the one before).
  const onlyOpen = noneChecked && selected !== undefined && selected.id === selectedId;
  if (overlay === 'help') return <HelpSheet onClose={close} />;
  if (overlay === 'assign') {
    return <AssignPicker what={what} me={me} seen={choices.agents} shownFree={onlyOpen ? !selected.assignee : undefined} commands={commands} onClose={close} />;
  }
  if (overlay === 'tag') {
    return (
      <Picker
        title={`Tag ${what} (a tag already there comes off)`}
        items={choices.tags.map((t) => ({ id: t, label: `#${t}` }))}
        placeholder="Tag…"
        create={(typed) => {
          const t = typed.replace(/^#/, '').trim().toLowerCase().replace(/\s+/g, '-');
          return t ? { id: t, label: `#${t}`, hint: 'new tag' } : undefined;
        }}
        onClose={close}
        onPick={(i) => {
          close();
          void commands.toggleTag(i.id);
        }}
      />
    );
  }
  if (overlay === 'save-view') return <SaveView filter={filter} onClose={close} />;
  return null;
}

/**
 * Team mode: the team's roster (name, role), and only the roster: assigning to an id nobody has
 * means nothing on anyone's screen. Solo: the agents seen in the data, and free text.
 */
function AssignPicker({ what, me, seen, shownFree, commands, onClose }: { what: string; me: string; seen: readonly string[]; shownFree: boolean | undefined; commands: InboxCommands; onClose(): void }) {
  // Whether the one mention targeted was shown unassigned as the menu opened: what the agent chose
  // on. Kept from the first moment it is known (`a` pressed right after `j` opens the menu before
  // the open mention's record is read); undefined: never known, or several mentions.
  const [freeWhenOpened, setFreeWhenOpened] = useState(shownFree);
  if (freeWhenOpened === undefined && shownFree !== undefined) setFreeWhenOpened(shownFree);
  const team = useDelivery((s) => Boolean(s.agentId));
  const roster = useTeam((s) => s.roster);
  // Read again on every opening: a teammate who joined since shows up.
  useEffect(() => {
    if (team) void loadRoster(getBridge());
  }, [team]);
  const fromRoster = team && roster.length > 0;
  const items: PickItem[] = [
    ...(fromRoster ? rosterItems(roster, me) : [{ id: me, label: `Me (${me})`, hint: 'take it' }, ...seen.filter((a) => a !== me).map((a) => ({ id: a, label: a }))]),
    { id: '', label: 'Nobody', hint: 'unassign' },
  ];
  return (
    <Picker
      title={`Assign ${what}`}
      items={items}
      placeholder={fromRoster ? 'Teammate (name or id)…' : 'Agent (initials)…'}
      create={fromRoster ? undefined : (typed) => ({ id: typed.toLowerCase(), label: typed.toLowerCase(), hint: 'new agent' })}
      onClose={onClose}
      onPick={(i) => {
        onClose();
        // Me on a mention unassigned when the menu opened is a take, first-come as `n` is: a
        // teammate's take that lands while the menu is open keeps it theirs.
        void (!i.id ? commands.unassign() : i.id === me && freeWhenOpened === true ? commands.take() : commands.assignTo(i.id));
      }}
    />
  );
}

function HelpSheet({ onClose }: { onClose(): void }) {
  const box = useRef<HTMLDivElement>(null);
  useReturnFocus(box);
  // Into the dialog, so a screen reader reads it; Esc (shortcuts.ts) closes it and focus goes back.
  useEffect(() => box.current?.focus(), []);
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <div className="overlay-backdrop" onMouseDown={onClose}>
      <div ref={box} className="help-sheet" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" tabIndex={-1} data-inbox-overlay onMouseDown={(e) => e.stopPropagation()}>
        <header className="help-head">
          <h2>Keyboard shortcuts</h2>
          <button className="btn btn-small" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <div className="help-groups">
          {groups.map((g) => (
            <section key={g}>
              <h3>{g}</h3>
              <dl>
                {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                  <div key={s.does} className="help-line">
                    <dt>
                      {s.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </dt>
                    <dd>{s.does}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="muted help-foot">Actions apply to the mentions picked with x, else to the open one. Every action can be undone except a sent reply.</p>
      </div>
    </div>
  );
}

function SaveView({ filter, onClose }: { filter: InboxFilter; onClose(): void }) {
  const [name, setName] = useState('');
  const applyView = useUi((s) => s.applyView);
  const box = useRef<HTMLDivElement>(null);
  useReturnFocus(box);
  const submit = async (): Promise<void> => {
    const id = await saveView(getDb(), name, filter);
    applyView(id, filter);
    onClose();
  };
  return (
    <div className="overlay-backdrop" onMouseDown={onClose}>
      <div ref={box} className="picker" role="dialog" aria-modal="true" aria-label="Save view" data-inbox-overlay onMouseDown={(e) => e.stopPropagation()}>
        <form
          className="modal-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
        <div className="picker-title">Save these filters as a view</div>
        <input className="picker-input" autoFocus value={name} placeholder="Name, e.g. Outage — unassigned" aria-label="View name" onChange={(e) => setName(e.target.value)} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim()}>
            Save view
          </button>
        </div>
        </form>
      </div>
    </div>
  );
}
