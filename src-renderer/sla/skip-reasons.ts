/** Why an agent took a mention out of due order: the short list the skip dialog offers. */
export const SKIP_REASONS = [
  { code: 'safety', label: 'Safety: someone may be at risk', short: 'Safety' },
  { code: 'legal', label: 'Legal or compliance', short: 'Legal' },
  { code: 'duplicate', label: 'Duplicate of one already handled', short: 'Duplicate' },
  { code: 'lead-instruction', label: "Lead's instruction", short: "Lead's instruction" },
  { code: 'helped-elsewhere', label: 'Customer already helped elsewhere', short: 'Helped elsewhere' },
  { code: 'other', label: 'Other (say why)', short: 'Other' },
] as const;
export type SkipReasonCode = (typeof SKIP_REASONS)[number]['code'];

export interface SkipAnswer {
  code: SkipReasonCode;
  note?: string;
}

/** "Lead's instruction"; "Other: VIP complaint" for a reason recorded with the agent's own words. */
export function skipReasonLabel(reason: string): string {
  const [code, ...rest] = reason.split(': ');
  const known = SKIP_REASONS.find((r) => r.code === code)?.short;
  if (!known) return reason;
  return rest.length ? `${known}: ${rest.join(': ')}` : known;
}
