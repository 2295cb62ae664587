/**
 * The SLA policy editor. Saving never edits a version: it adds one that applies to mentions whose
 * clock starts from now on, so earlier mentions keep the targets (and due times) they were given
 * and the reports can say which policy each number used.
 */
import { useEffect, useState } from 'react';
import { hasBusinessHours, type SlaPolicy } from '../../src-main/shared/sla/policy';
import { getDb } from '../db/schema';
import { ensurePoliciesLoaded, policyLabel, policyVersionAt, savePolicyVersion, usePolicies } from '../db/policies';
import { DurationField } from './DurationField';
import { HoursEditor } from './HoursEditor';
import { HolidaysEditor } from './HolidaysEditor';
import { ChannelTargets } from './ChannelTargets';
import { VersionHistory } from './VersionHistory';
import { TARGET_FIELDS, draftProblems, samePolicy } from './draft';
import './policy.css';

export function PolicyScreen() {
  const versions = usePolicies((s) => s.versions);
  const loaded = usePolicies((s) => s.loaded);
  const problemsLoading = usePolicies((s) => s.problems);
  useEffect(() => void ensurePoliciesLoaded(getDb()), []);
  const active = policyVersionAt(Date.now(), versions);
  const [draft, setDraft] = useState<SlaPolicy>(active.policy);
  const [base, setBase] = useState(active.id);
  const [saved, setSaved] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  // Follow the active version while nothing is being edited (first load, a save elsewhere).
  const dirty = !samePolicy(draft, active.policy);
  useEffect(() => {
    if (base !== active.id && (!dirty || !loaded)) {
      setDraft(active.policy);
      setBase(active.id);
    }
  }, [active.id, active.policy, base, dirty, loaded]);

  const problems = draftProblems(draft);
  const change = (p: SlaPolicy): void => {
    setDraft(p);
    setSaved(undefined);
  };
  const save = async (): Promise<void> => {
    setError(undefined);
    try {
      const row = await savePolicyVersion(getDb(), draft);
      setBase(row.id);
      setSaved(`Saved at ${new Date(row.from).toLocaleTimeString()}. It applies to mentions that arrive from now on; mentions already in the inbox keep their due times.`);
    } catch (e) {
      setError(`Could not save the policy: ${(e as Error).message}`);
    }
  };

  return (
    <div className="page policy-page" data-testid="policy-editor">
      <header className="page-head">
        <h1>SLA policy</h1>
        <span className="muted" data-testid="policy-active">In force: {policyLabel(active)}</span>
      </header>
      <p className="policy-lead">
        Every customer gets the same targets, whatever their follower count. Saving creates a new version for mentions that arrive from then on; earlier
        mentions keep the targets they were given, and the fairness report says which version each number used.
      </p>
      {problemsLoading.map((p) => (
        <p key={p} className="error">
          {p}
        </p>
      ))}
      <form
        className="policy-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset className="policy-section">
          <legend>Targets</legend>
          <div className="targets">
            {TARGET_FIELDS.map((f) => (
              <label key={f.key} className="field">
                <span>
                  {f.label} <span className="muted">{f.hint}</span>
                </span>
                <DurationField label={f.label} minutes={draft[f.key]} allowDays={!hasBusinessHours(draft)} onChange={(m) => change({ ...draft, [f.key]: m ?? Number.NaN })} testId={`policy-${f.key}`} />
              </label>
            ))}
          </div>
          <label className="field">
            <span>
              Fairness limit <span className="muted">warn when the slowest reach tier’s median wait is more than this many times the fastest’s</span>
            </span>
            <input type="number" min={1} step={0.05} value={Number.isFinite(draft.fairnessRatioLimit) ? draft.fairnessRatioLimit : ''} onChange={(e) => change({ ...draft, fairnessRatioLimit: e.target.value === '' ? Number.NaN : Number(e.target.value) })} data-testid="policy-fairness-limit" />
          </label>
          <label className="field">
            <span>
              Name <span className="muted">optional, shown in reports (“Q1 targets”)</span>
            </span>
            <input type="text" maxLength={200} value={draft.name ?? ''} onChange={(e) => change({ ...draft, name: e.target.value || undefined })} />
          </label>
        </fieldset>
        <HoursEditor policy={draft} onChange={change} />
        <HolidaysEditor policy={draft} onChange={change} />
        <ChannelTargets policy={draft} onChange={change} />
        <div className="policy-actions">
          {problems.length ? (
            <ul className="problems" data-testid="policy-problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
          {saved ? <p className="ok" role="status">{saved}</p> : null}
          {error ? <p className="error" role="alert">{error}</p> : null}
          <span className="spacer" />
          <button type="button" className="btn" disabled={!dirty} onClick={() => change(active.policy)}>
            Discard changes
          </button>
          <button type="submit" className="btn btn-primary" disabled={!dirty || problems.length > 0} data-testid="policy-save">
            Save as new version
          </button>
        </div>
      </form>
      <VersionHistory versions={versions} activeId={active.id} />
    </div>
  );
}
