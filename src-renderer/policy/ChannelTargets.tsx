/**
 * Per channel: overrides of the three targets (empty = the policy's own) and the published promise,
 * rendered from the policy being edited, with a button to copy it for a profile or help page.
 */
import { useState } from 'react';
import { describePromise, hasBusinessHours, targetsFor, type SlaPolicy } from '../../src-main/shared/sla/policy';
import type { Channel } from '../../src-main/shared/mention';
import { CHANNEL_INFO } from '../lib/channels';
import { DurationField } from './DurationField';
import { OVERRIDABLE, TARGET_FIELDS, setOverride } from './draft';

export function ChannelTargets({ policy, onChange }: { policy: SlaPolicy; onChange(p: SlaPolicy): void }) {
  const valid = Number.isFinite(policy.firstResponseMinutes) && policy.firstResponseMinutes > 0;
  return (
    <fieldset className="policy-section">
      <legend>Per channel: targets and the promise customers see</legend>
      <p className="muted">Leave a field empty to use the policy’s target. Paste the promise into the channel’s profile or help page, so customers know what to expect.</p>
      <ul className="channel-targets">
        {OVERRIDABLE.map((c) => (
          <li key={c} data-testid={`channel-${c}`}>
            <div className="channel-head">
              <span className={`chan chan-${c}`} aria-hidden>
                {CHANNEL_INFO[c].glyph}
              </span>
              <strong>{CHANNEL_INFO[c].label}</strong>
              {policy.channels[c] ? <span className="tag-override">override</span> : null}
            </div>
            <div className="channel-fields">
              {TARGET_FIELDS.map((f) => (
                <label key={f.key} className="field-compact">
                  <span>{f.label}</span>
                  <DurationField
                    label={`${CHANNEL_INFO[c].label} ${f.label.toLowerCase()}`}
                    minutes={policy.channels[c]?.[f.key]}
                    placeholderMinutes={policy[f.key]}
                    allowDays={!hasBusinessHours(policy)}
                    onChange={(m) => onChange(setOverride(policy, c, f.key, m))}
                  />
                </label>
              ))}
            </div>
            {valid ? <PublishedPromise policy={policy} channel={c} /> : null}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function PublishedPromise({ policy, channel }: { policy: SlaPolicy; channel: Channel }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  let text: string;
  try {
    text = `${describePromise(policy, channel)}.`;
  } catch {
    return null;
  }
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(undefined), 2500);
  };
  const t = targetsFor(policy, channel);
  return (
    <div className="promise">
      <q data-testid={`promise-${channel}`} title={`First response ${t.firstResponseMinutes} min`}>
        {text}
      </q>
      <button type="button" className="btn btn-small" onClick={() => void copy()}>
        {copied === 'yes' ? 'Copied ✓' : copied === 'failed' ? 'Select and copy by hand' : 'Copy'}
      </button>
    </div>
  );
}
