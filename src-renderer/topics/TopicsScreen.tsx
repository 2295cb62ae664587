/**
 * The Topics screen: the team's topic rules (INTERFACES.md "Topic rules"). Add, rename, edit the
 * terms, try a rule on the last 30 days before saving, save (main tags new mentions with the saved
 * rules), and apply the rules to past mentions with a progress bar. Ids stay fixed on rename, so
 * past tags and reports keep pointing at the same topic.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { retagProgress } from '../db/retag-queue';
import type { TopicRule } from '../../src-main/shared/enrich/topic-rules';
import { getBridge } from '../bridge';
import { getDb } from '../db/schema';
import { previewRule, retagMentions, type RulePreview } from '../db/topics';
import { setTopicNames } from '../db/facet-labels';
import { vocTopicsChanged } from '../voc/voc-client';
import { idFromName, rulesProblems, sameRules, termsFromText, termsToText } from './draft';
import { TopicEditor } from './TopicEditor';
import './topics.css';

const DAY = 86_400_000;
const PREVIEW_DAYS = 30;

type Apply = { done: number; total: number; changed?: number };

export function TopicsScreen() {
  const [saved, setSaved] = useState<TopicRule[] | undefined>();
  const [draft, setDraft] = useState<TopicRule[]>([]);
  const [selected, setSelected] = useState(0);
  const [preview, setPreview] = useState<{ index: number; result: RulePreview } | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [apply, setApply] = useState<Apply | undefined>();
  // The re-tag that saved rules queue when they come back from the log (db/retag-queue.ts).
  const queued = useStore(retagProgress, (s) => s.progress);
  const shown: Apply | undefined = apply?.changed === undefined && queued ? queued : apply;
  // When a queued re-tag ends while the screen is open, its result shows as a re-tag by hand's does.
  const lastQueued = useStore(retagProgress, (s) => s.last);
  const lastAtOpen = useRef(lastQueued);
  useEffect(() => {
    if (!lastQueued || lastQueued === lastAtOpen.current) return;
    setApply((a) => (a && a.changed === undefined ? a : { done: lastQueued.total, total: lastQueued.total, changed: lastQueued.changed }));
  }, [lastQueued]);

  useEffect(() => {
    let live = true;
    getBridge()
      .getTopicRules({})
      .then((r) => {
        if (!live) return;
        setTopicNames(r.topics);
        setSaved(r.topics);
        setDraft(r.topics);
      })
      .catch((e: unknown) => live && setError(`Could not read the topic rules: ${(e as Error).message}`));
    return () => {
      live = false;
    };
  }, []);

  const dirty = saved !== undefined && !sameRules(draft, saved);
  const problems = rulesProblems(draft);
  const current = draft[selected];

  const edit = (index: number, rule: TopicRule): void => {
    setDraft(draft.map((r, i) => (i === index ? rule : r)));
    setStatus(undefined);
    if (preview?.index === index) setPreview(undefined);
  };
  const add = (): void => {
    const id = idFromName('New topic', new Set(draft.map((r) => r.id)));
    setDraft([...draft, { id, name: 'New topic', any: [] }]);
    setSelected(draft.length);
    setPreview(undefined);
  };
  const remove = (index: number): void => {
    setDraft(draft.filter((_, i) => i !== index));
    setSelected(Math.max(0, Math.min(selected, draft.length - 2)));
    setPreview(undefined);
  };
  const test = async (index: number): Promise<void> => {
    const rule = draft[index];
    if (!rule) return;
    setPreview({ index, result: await previewRule(getDb(), rule, Date.now() - PREVIEW_DAYS * DAY) });
  };
  const save = async (): Promise<void> => {
    setError(undefined);
    try {
      await getBridge().setTopicRules({ topics: draft });
      setTopicNames(draft);
      setSaved(draft);
      setStatus('Saved. New mentions are tagged with these rules, and past mentions are re-tagged as the change comes back from the log (on every seat of a team).');
    } catch (e) {
      setError(`Could not save the topic rules: ${(e as Error).message}`);
    }
  };
  const applyToPast = async (): Promise<void> => {
    if (!saved) return;
    setApply({ done: 0, total: 0 });
    try {
      const changed = await retagMentions(getDb(), saved, (done, total) => setApply({ done, total })).finally(() => vocTopicsChanged());
      setApply((a) => ({ done: a?.total ?? 0, total: a?.total ?? 0, changed }));
    } catch (e) {
      setApply(undefined);
      setError(`Could not re-tag past mentions: ${(e as Error).message}`);
    }
  };
  const applying = apply !== undefined && apply.changed === undefined;

  return (
    <div className="page topics-page" data-testid="topics-screen">
      <header className="page-head">
        <h1>Topics</h1>
        <span className="muted">{saved ? `${saved.length} saved topic${saved.length === 1 ? '' : 's'}` : 'Loading…'}</span>
      </header>
      <p className="topics-lead">
        A topic tags every mention that contains any of its terms and none of its exclusions: whole words or phrases, in any language, whatever the case or
        accents. New mentions are tagged as they are heard; saving the rules re-tags past mentions too, on every seat.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="topics-layout">
        <section className="topics-list" aria-labelledby="topics-list-h">
          <h2 id="topics-list-h">Rules</h2>
          <ul>
            {draft.map((r, i) => (
              <li key={i}>
                <button type="button" className={`topic-pick${i === selected ? ' topic-pick-active' : ''}`} aria-current={i === selected ? 'true' : undefined} onClick={() => setSelected(i)} data-testid={`topic-pick-${r.id}`}>
                  <span>{r.name || '(no name)'}</span>
                  <span className="muted topic-count">{r.any.length} term{r.any.length === 1 ? '' : 's'}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn" onClick={add} data-testid="topic-add">
            + Add topic
          </button>
        </section>
        {current ? (
          <TopicEditor
            key={selected}
            rule={current}
            onChange={(r) => edit(selected, r)}
            onRemove={() => remove(selected)}
            onTest={() => void test(selected)}
            preview={preview?.index === selected ? preview.result : undefined}
            previewDays={PREVIEW_DAYS}
            termsFromText={termsFromText}
            termsToText={termsToText}
          />
        ) : (
          <p className="muted">No topics yet. Add one to start tagging mentions.</p>
        )}
      </div>
      <div className="topics-actions">
        {problems.length > 0 ? (
          <ul className="problems" aria-label="What stops saving">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
        <button type="button" className="btn btn-primary" disabled={!dirty || problems.length > 0} onClick={() => void save()} data-testid="topics-save">
          Save rules
        </button>
        <button type="button" className="btn" disabled={dirty || !saved || applying || queued !== undefined} onClick={() => void applyToPast()} data-testid="topics-apply">
          Apply to past mentions
        </button>
        {shown ? (
          <div className="apply-progress">
            <label htmlFor="topics-apply-progress">{shown.changed === undefined ? 'Re-tagging past mentions' : 'Re-tagged'}</label>
            <progress id="topics-apply-progress" max={Math.max(1, shown.total)} value={shown.done} data-testid="topics-apply-progress" />
            <span className="muted" role="status">
              {shown.changed === undefined ? `${shown.done} of ${shown.total}` : `${shown.total} checked, ${shown.changed} changed`}
            </span>
          </div>
        ) : null}
        {status ? (
          <p className="ok" role="status">
            {status}
          </p>
        ) : null}
        {dirty ? <p className="muted">Unsaved changes.</p> : null}
      </div>
    </div>
  );
}

