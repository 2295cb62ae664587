/**
 * The column-mapping step of a customer import: what each CSV column means (a guess from its header
 * the user can change), and the rows turned into customer records.
 */
import type { CustomerRecord } from '../db/schema';
import { handleKey } from './match';

export const HANDLE_CHANNELS = ['x', 'reddit', 'mastodon', 'appstore', 'hackernews'] as const;
export type HandleChannel = (typeof HANDLE_CHANNELS)[number];

export type ColumnRole = 'ignore' | 'id' | 'name' | 'email' | 'standing' | 'plan' | 'since' | 'extra' | `handle:${HandleChannel}`;

export const ROLE_LABEL: Record<string, string> = {
  ignore: 'Ignore',
  id: 'CRM id',
  name: 'Name',
  email: 'Email',
  standing: 'Account standing',
  plan: 'Plan',
  since: 'Customer since',
  extra: 'Keep as extra',
  'handle:x': 'X handle',
  'handle:reddit': 'Reddit user',
  'handle:mastodon': 'Mastodon handle',
  'handle:appstore': 'App Store nickname',
  'handle:hackernews': 'Hacker News user',
};

export const ROLES: ColumnRole[] = Object.keys(ROLE_LABEL) as ColumnRole[];

const GUESSES: Array<[RegExp, ColumnRole]> = [
  [/^(id|crm.?id|customer.?id|account.?id|contact.?id)$/i, 'id'],
  [/e-?mail/i, 'email'],
  [/^(x|twitter)(.?(handle|user|username|account))?$|^x.?handle$/i, 'handle:x'],
  [/reddit/i, 'handle:reddit'],
  [/mastodon|fediverse/i, 'handle:mastodon'],
  [/app.?store|itunes|ios.?(name|nick)/i, 'handle:appstore'],
  [/hacker.?news|^hn(.?user)?$/i, 'handle:hackernews'],
  [/^(name|full.?name|customer|customer.?name|contact|contact.?name)$/i, 'name'],
  [/standing|account.?status|health/i, 'standing'],
  [/plan|tier|level|package|subscription/i, 'plan'],
  [/since|start|joined|created|signup|sign.?up/i, 'since'],
];

export function guessRoles(header: string[]): ColumnRole[] {
  const used = new Set<ColumnRole>();
  return header.map((h) => {
    const hit = GUESSES.find(([re, role]) => re.test(h.trim()) && (role === 'extra' || !used.has(role)));
    const role = hit ? hit[1] : 'extra';
    if (role !== 'extra') used.add(role);
    return role;
  });
}

export interface MappedRows {
  customers: CustomerRecord[];
  skipped: Array<{ row: number; reason: string }>;
}

/** Rows (header excluded) to customers. The id is the CRM id, else the email, else the first handle. */
export function mapRows(header: string[], rows: string[][], roles: ColumnRole[], importedAt: string): MappedRows {
  const customers = new Map<string, CustomerRecord>();
  const skipped: MappedRows['skipped'] = [];
  rows.forEach((cells, n) => {
    const c: Omit<CustomerRecord, 'id'> & { id?: string } = { handles: [], extra: {}, importedAt };
    roles.forEach((role, i) => {
      const v = (cells[i] ?? '').trim();
      if (!v || role === 'ignore') return;
      if (role === 'extra') c.extra[header[i] ?? `column ${i + 1}`] = v;
      else if (role.startsWith('handle:')) for (const h of v.split(/[\s,;]+/).filter(Boolean)) c.handles.push(handleKey(role.slice(7), h));
      else if (role === 'email') c.email = v.toLowerCase();
      else if (role === 'id') c.id = v;
      else if (role === 'name' || role === 'standing' || role === 'plan' || role === 'since') c[role] = v;
    });
    c.handles = [...new Set(c.handles)];
    const id = c.id ?? (c.email ? `email:${c.email}` : c.handles[0] ? `handle:${c.handles[0]}` : undefined);
    if (!id) {
      skipped.push({ row: n + 2, reason: 'no CRM id, email or handle to match on' });
      return;
    }
    customers.set(id, { ...c, id });
  });
  return { customers: [...customers.values()], skipped };
}
