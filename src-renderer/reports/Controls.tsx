/** Time range and filters of the report. */
import { CHANNELS, type Channel } from '../../src-main/shared/mention';
import { CHANNEL_INFO } from '../lib/channels';
import { RANGES, type RangeKey, type ReportParams } from './params';
import { GROUP_BYS, type GroupBy } from '../../src-main/shared/sla/groups';

/** The "group by" choices, as `npm run fairness -- --by` names them. */
export const GROUP_BY_LABEL: Record<GroupBy, string> = {
  tier: 'Reach tier',
  channel: 'Channel',
  lang: 'Language',
  sentiment: 'Sentiment',
  topic: 'Topic',
  source: 'Source',
  plan: 'Plan (CRM import)',
  standing: 'Standing (CRM import)',
};

export function Controls({ params, agents, onChange }: { params: ReportParams; agents: string[]; onChange(p: ReportParams): void }) {
  const agentChoices = params.agent && !agents.includes(params.agent) ? [...agents, params.agent] : agents;
  return (
    <div className="report-controls">
      <label>
        Period
        <select value={params.range} onChange={(e) => onChange({ ...params, range: e.target.value as RangeKey })} data-testid="report-range">
          {RANGES.map((r) => (
            <option key={r.key} value={r.key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {params.range === 'custom' ? (
        <>
          <label>
            From
            <input type="date" value={params.from ?? ''} onChange={(e) => onChange({ ...params, from: e.target.value || undefined })} />
          </label>
          <label>
            To
            <input type="date" value={params.to ?? ''} onChange={(e) => onChange({ ...params, to: e.target.value || undefined })} />
          </label>
        </>
      ) : null}
      <label>
        Channel
        <select value={params.channel ?? ''} onChange={(e) => onChange({ ...params, channel: (e.target.value || undefined) as Channel | undefined })} data-testid="report-channel">
          <option value="">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_INFO[c].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Compare by
        <select value={params.by ?? 'tier'} onChange={(e) => onChange({ ...params, by: e.target.value === 'tier' ? undefined : (e.target.value as GroupBy) })} data-testid="report-by">
          {GROUP_BYS.map((g) => (
            <option key={g} value={g}>
              {GROUP_BY_LABEL[g]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Agent
        <select value={params.agent ?? ''} onChange={(e) => onChange({ ...params, agent: e.target.value || undefined })} data-testid="report-agent">
          <option value="">All agents</option>
          {agentChoices.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
