/** One topic rule's editor: name, terms, exclusions, and the 30-day trial before saving. */
import { useState } from 'react';
import type { TopicRule } from '../../src-main/shared/enrich/topic-rules';
import type { RulePreview } from '../db/topics';

interface Props {
  rule: TopicRule;
  onChange: (rule: TopicRule) => void;
  onRemove: () => void;
  onTest: () => void;
  preview?: RulePreview;
  previewDays: number;
  termsFromText: (text: string) => string[];
  termsToText: (terms: readonly string[] | undefined) => string;
}

export function TopicEditor({ rule, onChange, onRemove, onTest, preview, previewDays, termsFromText, termsToText }: Props) {
  // The text areas keep what is typed (blank lines while typing); the rule gets the parsed terms.
  const [anyText, setAnyText] = useState(termsToText(rule.any));
  const [noneText, setNoneText] = useState(termsToText(rule.none));
  const fieldId = `topic-${rule.id}`;
  return (
    <section className="topic-editor" aria-labelledby={`${fieldId}-h`}>
      <h2 id={`${fieldId}-h`}>{rule.name || 'Unnamed topic'}</h2>
      <label className="field" htmlFor={`${fieldId}-name`}>
        <span>Name</span>
        <input id={`${fieldId}-name`} value={rule.name} onChange={(e) => onChange({ ...rule, name: e.target.value })} data-testid="topic-name" />
      </label>
      <p className="muted topic-id">
        Id <code>{rule.id}</code>: stays the same when you rename, so past tags and reports keep pointing here.
      </p>
      <div className="topic-terms">
        <label className="field" htmlFor={`${fieldId}-any`}>
          <span>
            Any of these words or phrases <span className="muted">(one per line)</span>
          </span>
          <textarea
            id={`${fieldId}-any`}
            rows={7}
            value={anyText}
            onChange={(e) => {
              setAnyText(e.target.value);
              onChange({ ...rule, any: termsFromText(e.target.value) });
            }}
            data-testid="topic-any"
          />
        </label>
        <label className="field" htmlFor={`${fieldId}-none`}>
          <span>
            But none of these <span className="muted">(one per line, optional)</span>
          </span>
          <textarea
            id={`${fieldId}-none`}
            rows={7}
            value={noneText}
            onChange={(e) => {
              setNoneText(e.target.value);
              const none = termsFromText(e.target.value);
              const { none: _old, ...rest } = rule;
              onChange(none.length > 0 ? { ...rest, none } : rest);
            }}
            data-testid="topic-none"
          />
        </label>
      </div>
      <div className="topic-buttons">
        <button type="button" className="btn" onClick={onTest} disabled={rule.any.length === 0} data-testid="topic-test">
          Test on the last {previewDays} days
        </button>
        <button type="button" className="btn btn-danger" onClick={onRemove} data-testid="topic-remove">
          Delete topic
        </button>
      </div>
      {preview ? (
        <div className="topic-preview" data-testid="topic-preview">
          <p role="status">
            Would tag <strong data-testid="topic-preview-count">{preview.matched}</strong> of {preview.scanned} mentions from the last {previewDays} days.
          </p>
          {preview.sample.length > 0 ? (
            <ul aria-label="Newest matching mentions">
              {preview.sample.map((m) => (
                <li key={m.id}>
                  <span className="muted">{new Date(m.createdMs).toLocaleDateString()} · {m.channel} · </span>
                  <span lang={m.lang ?? undefined}>{m.title ? `${m.title}: ` : ''}{m.text.slice(0, 160)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
