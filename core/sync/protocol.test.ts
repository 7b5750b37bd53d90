import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptField, fieldContext, generatePracticeKey } from './practice-key.ts';
import { HybridClock, MAX_CLOCK_DRIFT_MS, compareHlc, formatHlc, parseHlc } from './protocol/hlc.ts';
import { mergeRow } from './protocol/merge.ts';
import { CLIENT_CHILD_TABLES, SYNC_TABLES, TABLE_ORDER, TABLE_SPECS } from './protocol/tables.ts';
import { FieldChange, PushRequest } from './protocol/wire.ts';

const A = '0190aaaa-0000-7000-8000-00000000000a';
const B = '0190bbbb-0000-7000-8000-00000000000b';

describe('hybrid logical clock', () => {
  it('round-trips and orders as strings', () => {
    const s = formatHlc({ wall: 1_700_000_000_000, counter: 7, node: A });
    expect(parseHlc(s)).toEqual({ wall: 1_700_000_000_000, counter: 7, node: A });
    expect(compareHlc(formatHlc({ wall: 9, counter: 0, node: A }), formatHlc({ wall: 10, counter: 0, node: A }))).toBe(
      -1,
    );
    expect(() => parseHlc('nope')).toThrow(/not a hybrid logical clock/);
  });

  it('ticks monotonically even when the wall clock goes back', () => {
    const c = new HybridClock(A);
    const a = c.tick(1000);
    const b = c.tick(900);
    const d = c.tick(900);
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, d)).toBe(-1);
    expect(parseHlc(d)).toMatchObject({ wall: 1000, counter: 2 });
  });

  it('orders what it does after what it has received, even with a slow wall clock', () => {
    const fast = new HybridClock(B);
    const remote = fast.tick(50_000);
    const slow = new HybridClock(A);
    slow.receive(remote, 10_000);
    expect(compareHlc(slow.tick(10_001), remote)).toBe(1);
  });

  it('refuses to be dragged a day into the future by a broken clock', () => {
    const c = new HybridClock(A);
    c.receive(formatHlc({ wall: 10 * 86_400_000, counter: 0, node: B }), 1000);
    expect(parseHlc(c.tick(2000)).wall).toBe(2000);
  });
});

describe('mergeRow', () => {
  const h = (wall: number, node = A): string => formatHlc({ wall, counter: 0, node });

  it('merges per field: edits to different fields both survive, the later edit of one field wins', () => {
    const base = mergeRow(null, [
      { field: 'weight_kg', value: 70, hlc: h(1) },
      { field: 'notes', value: 'x', hlc: h(1) },
    ]);
    const merged = mergeRow(base, [
      { field: 'weight_kg', value: 68, hlc: h(3, B) },
      { field: 'notes', value: 'older', hlc: h(0, B) },
    ]);
    expect(merged.fields).toEqual({ weight_kg: 68, notes: 'x' });
    expect(merged.applied).toEqual(['weight_kg']);
    expect(merged.ignored).toEqual(['notes']);
  });

  it('keeps a tombstone: a later edit does not bring a deleted row back; the erasure and an undo apply', () => {
    const row = mergeRow(null, [
      { field: 'name', value: 'enc:v1:aaa', hlc: h(1) },
      { field: 'deleted_at', value: 5, hlc: h(5) },
      { field: 'name', value: '', hlc: h(5) },
    ]);
    expect(row.fields.name).toBe('');
    expect(row.fields).toMatchObject({ deleted_at: 5 });
    const edited = mergeRow(row, [{ field: 'name', value: 'enc:v1:bbb', hlc: h(9, B) }]);
    expect(edited.fields.name).toBe('');
    expect(edited.ignored).toEqual(['name']);
    const undone = mergeRow(row, [
      { field: 'deleted_at', value: null, hlc: h(10, B) },
      { field: 'weight_kg', value: 60, hlc: h(10, B) },
    ]);
    expect(undone.fields).toMatchObject({ deleted_at: null, weight_kg: 60 });
  });
});

describe('wire schemas', () => {
  const change = {
    table: 'clients',
    id: A,
    field: 'weight_kg',
    value: 'enc:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    hlc: formatHlc({ wall: 1, counter: 0, node: A }),
  };

  it('accepts a valid change and names what is wrong with bad ones', () => {
    expect(FieldChange.safeParse(change).success).toBe(true);
    // Every value but the tombstone and the client link is ciphertext, an empty one too.
    const plainWeight = FieldChange.safeParse({ ...change, value: 61 });
    expect(plainWeight.error?.issues[0]?.message).toBe('clients.weight_kg must be encrypted with the practice key');
    expect(FieldChange.safeParse({ ...change, value: null }).success).toBe(false);
    expect(FieldChange.safeParse({ ...change, field: 'deleted_at', value: 1234 }).success).toBe(true);
    expect(FieldChange.safeParse({ ...change, table: 'events', field: 'client_id', value: A }).success).toBe(true);
    const unknown = FieldChange.safeParse({ ...change, field: 'password' });
    expect(unknown.error?.issues[0]?.message).toBe('clients has no synced field "password"');
    const plain = FieldChange.safeParse({ ...change, field: 'name', value: 'Ada' });
    expect(plain.error?.issues[0]?.message).toBe('clients.name must be encrypted with the practice key');
    expect(FieldChange.safeParse({ ...change, value: undefined }).success).toBe(false);
    expect(FieldChange.safeParse({ ...change, value: 'x'.repeat(300_000) }).success).toBe(false);
    expect(PushRequest.safeParse({ idempotencyKey: A, changes: [] }).success).toBe(false);
  });
});

describe('limits the app can always meet', () => {
  it('client notes at the app’s own 20,000-character limit fit one synced value, encrypted', () => {
    const notes = '食事記録'.repeat(5000); // 20,000 characters, allowed by the clients schema
    const id = '0190aaaa-0000-7000-8000-0000000000c1';
    const value = encryptField(generatePracticeKey(), fieldContext('clients', id, 'notes'), notes);
    const hlc = formatHlc({ wall: Date.now(), counter: 0, node: randomUUID() });
    const parsed = FieldChange.safeParse({ table: 'clients', id, field: 'notes', value, hlc });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.message)).toEqual([]);
  });

  it('a clock once set a day ahead stops stamping the future once it is corrected', () => {
    const node = randomUUID();
    const real = Date.parse('2026-03-15T10:00:00Z');
    const wrong = real + 2 * MAX_CLOCK_DRIFT_MS;
    const during = new HybridClock(node, null, () => wrong);
    during.tick(wrong); // an edit while the computer's date was wrong
    const after = new HybridClock(node, during.current(), () => real).tick(real + 60_000);
    expect(parseHlc(after).wall).toBe(real + 60_000);
    // An edit time in the future (a row saved while the date was wrong) is taken as now at most.
    const fresh = new HybridClock(node, null, () => real);
    expect(parseHlc(fresh.tick(wrong)).wall).toBe(real + 60_000);
  });
});

describe('tables', () => {
  it('orders every parent before its children, plans before their entries and notes', () => {
    for (const t of SYNC_TABLES) {
      const parent = TABLE_SPECS[t].parent;
      if (parent) expect(TABLE_ORDER.indexOf(parent.table), t).toBeLessThan(TABLE_ORDER.indexOf(t));
    }
    expect(TABLE_ORDER.indexOf('meal_plans')).toBeLessThan(TABLE_ORDER.indexOf('meal_plan_entries'));
  });

  it("erases with a client every table whose parents lead to the client, each naming the client's id", () => {
    expect(CLIENT_CHILD_TABLES).toEqual(
      expect.arrayContaining(['events', 'meal_plans', 'meal_plan_entries', 'meal_plan_notes']),
    );
    expect(CLIENT_CHILD_TABLES).not.toContain('custom_foods');
    for (const t of CLIENT_CHILD_TABLES) expect(TABLE_SPECS[t].fields, t).toContain('client_id');
  });

  it('sends the text of meal plans encrypted, and only the client link and the delete readable', () => {
    for (const t of ['meal_plans', 'meal_plan_entries', 'meal_plan_notes'] as const) {
      const spec = TABLE_SPECS[t];
      expect(spec.fields.filter((f) => !spec.encrypted.includes(f)).sort(), t).toEqual(['client_id', 'deleted_at']);
    }
    expect(TABLE_SPECS.meal_plans.encrypted).toContain('name');
    expect(TABLE_SPECS.meal_plan_entries.encrypted).toEqual(expect.arrayContaining(['note', 'amount', 'plan_id']));
    expect(TABLE_SPECS.meal_plan_notes.encrypted).toContain('text');
  });
});
