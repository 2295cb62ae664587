/** The source form's text fields: filled from a saved source, and turned into what main is sent. */
import type { SourceInput } from '../../src-main/shared/contract';
import type { SourceSummary, SourceKind } from '../../src-main/shared/sources';

export type FormFields = Record<string, string>;

export function isXKind(kind: SourceKind): boolean {
  return kind === 'x-mentions' || kind === 'x-search';
}

/** Credentials are write-only, so their fields always start empty. */
export function initialFields(initial: SourceSummary | undefined): FormFields {
  return {
    id: initial?.id ?? '',
    label: initial?.label ?? '',
    url: initial?.url ?? '',
    profile: initial?.profile ?? '',
    userId: initial?.userId ?? '',
    query: initial?.query ?? '',
    apiBase: initial?.apiBase ?? '',
    intervalSeconds: initial?.intervalSeconds ? String(initial.intervalSeconds) : '',
    monthlyReadBudget: initial?.monthlyReadBudget ? String(initial.monthlyReadBudget) : '',
    bearerToken: '',
    userAccessToken: '',
  };
}

/** Main clears saved credentials when a source is pointed at another host: the form says so, and asks again. */
export function apiHostChanged(initial: SourceSummary | undefined, apiBase: string): boolean {
  return Boolean(initial) && apiBase.trim().replace(/\/+$/, '') !== (initial?.apiBase ?? '').replace(/\/+$/, '');
}

/** Only the fields of the chosen kind are sent; empty ones are left out. */
export function toSourceInput(kind: SourceKind, fields: FormFields, allowPrivate: boolean): SourceInput {
  const isX = isXKind(kind);
  const num = (v: string): number | undefined => (v.trim() ? Number(v) : undefined);
  const str = (v: string): string | undefined => (v.trim() ? v.trim() : undefined);
  const credentials = isX && (fields.bearerToken || fields.userAccessToken)
    ? { bearerToken: str(fields.bearerToken!), userAccessToken: str(fields.userAccessToken!) }
    : undefined;
  return {
    id: fields.id!.trim(),
    kind,
    label: str(fields.label!),
    url: kind === 'feed' ? str(fields.url!) : undefined,
    profile: kind === 'feed' && fields.profile ? (fields.profile as SourceInput['profile']) : undefined,
    userId: kind === 'x-mentions' ? str(fields.userId!) : undefined,
    query: kind === 'x-search' ? str(fields.query!) : undefined,
    apiBase: isX ? str(fields.apiBase!) : undefined,
    intervalSeconds: num(fields.intervalSeconds!),
    monthlyReadBudget: isX ? num(fields.monthlyReadBudget!) : undefined,
    allowPrivateNetwork: kind === 'feed' && allowPrivate ? true : undefined,
    credentials,
  };
}
