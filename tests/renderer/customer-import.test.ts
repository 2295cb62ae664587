import { describe, it, expect, beforeEach } from 'vitest';
import type { EarshotDb } from '../../src-renderer/db/schema';
import { parseCsv } from '../../src-renderer/customers/csv';
import { guessRoles, mapRows } from '../../src-renderer/customers/mapping';
import { importCustomers } from '../../src-renderer/customers/import';
import { customerForAuthors, customerLine } from '../../src-renderer/customers/match';
import { freshDb } from './helpers/db';

const CRM = `\ufeffCustomer ID,Full name,Email,Twitter,Reddit,Plan,Account standing,Customer since,Lifetime value
C-1,"Whitfield, Dana",Dana@Example.com,@DanaWhit,,Gold,open ticket,2019-04-02,"€ 12,400"
C-2,Leo Silva,leo@example.com,,leo_s,Silver,good,2021-01-15,900
,Nobody Known,,,,Bronze,good,2022-01-01,0
`;

async function importText(db: EarshotDb, text: string): Promise<{ added: number; updated: number; skipped: number }> {
  const [header, ...rows] = parseCsv(text);
  const roles = guessRoles(header!);
  const mapped = mapRows(header!, rows, roles, '2026-11-20T00:00:00Z');
  const r = await importCustomers(db, mapped.customers);
  return { ...r, skipped: mapped.skipped.length };
}

describe('customer import', () => {
  let db: EarshotDb;
  beforeEach(async () => {
    db = await freshDb();
  });

  it('guesses what each column holds from its header', () => {
    const header = parseCsv(CRM)[0]!;
    expect(guessRoles(header)).toEqual(['id', 'name', 'email', 'handle:x', 'handle:reddit', 'plan', 'standing', 'since', 'extra']);
  });

  it('imports rows with handles per channel, keeps extra columns, and skips rows with nothing to match on', async () => {
    const r = await importText(db, CRM);
    expect(r).toEqual({ added: 2, updated: 0, skipped: 1 });
    const dana = await db.customers.get('C-1');
    expect(dana).toMatchObject({ name: 'Whitfield, Dana', email: 'dana@example.com', handles: ['x:danawhit'], plan: 'Gold', standing: 'open ticket', since: '2019-04-02' });
    expect(dana!.extra).toEqual({ 'Lifetime value': '€ 12,400' });
  });

  it('re-importing updates and never duplicates', async () => {
    await importText(db, CRM);
    const r = await importText(db, CRM.replace('Gold', 'Platinum'));
    expect(r).toMatchObject({ added: 0, updated: 2 });
    expect(await db.customers.count()).toBe(2);
    expect((await db.customers.get('C-1'))!.plan).toBe('Platinum');
  });

  it('re-importing a file without the id column matches the same customers by email', async () => {
    await importText(db, CRM);
    const noIds = 'Email,Plan\nleo@example.com,Gold\n';
    expect(await importText(db, noIds)).toMatchObject({ added: 0, updated: 1 });
    expect(await db.customers.count()).toBe(2);
    expect((await db.customers.get('C-2'))!).toMatchObject({ plan: 'Gold', handles: ['reddit:leo_s'], name: 'Leo Silva' });
  });

  it('matches an author by channel and handle, whatever the case, and says it in one line', async () => {
    await importText(db, CRM);
    const c = await customerForAuthors(db, [{ channel: 'x', handle: 'danawhit' }]);
    expect(c?.id).toBe('C-1');
    expect(customerLine(c!)).toBe('customer since 2019, Gold, open ticket');
    expect(await customerForAuthors(db, [{ channel: 'reddit', handle: 'danawhit' }])).toBeUndefined();
  });
});
