/** Time range and filters of the report. */
import { CHANNELS, type Channel } from '../../src-main/shared/mention';
import { CHANNEL_INFO } from '../lib/channels';
import { RANGES, type RangeKey, type ReportParams } from './params';

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
