import { describe, expect, it } from 'vitest';
import type { AuditEntry, Client, ClientSummary } from '../contract/clients.ts';
import type { TargetsView } from '../contract/targets.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';

const ana = {
  name: 'Ana Souza',
  sex: 'female',
  birthDate: '1990-03-02',
  heightCm: 165,
  weightKg: 60,
  activityLevel: 'active',
  tags: ['diabetes risk', ' Diabetes Risk ', 'sport'],
};

describe('clients through the contract', () => {
  it('creates with defaults, cleans lists, and records the change in the audit log', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', ana);
    expect(c).toMatchObject({
      name: 'Ana Souza',
      dietPattern: 'omnivore',
      lifeStage: 'none',
      allergies: [],
      tags: ['diabetes risk', 'sport'],
    });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: c.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'client', action: 'create', actor: 'practitioner', host: 'cli' });
  });

  it('asks to confirm a birth date before 1900, in the future or over 120 years ago; a normal one saves at once', async () => {
    const core = await unlockedCore({ clock: fixedClock('2026-03-15T10:00:00Z') });
    const refused = await core.dispatch('clients.create', { name: 'Old', birthDate: '1850-06-01' });
    expect(refused).toMatchObject({
      ok: false,
      code: 'implausible',
      message: 'Please check: The birth date 1850-06-01 is before 1900. Save anyway if it is right.',
      fields: { birthDate: 'The birth date 1850-06-01 is before 1900.' },
    });
    expect(await core.dispatch('clients.create', { name: 'Future', birthDate: '3000-01-01' })).toMatchObject({
      code: 'implausible',
      fields: { birthDate: 'The birth date 3000-01-01 is in the future.' },
    });
    expect(await core.dispatch('clients.create', { name: 'Aged', birthDate: '1904-01-01' })).toMatchObject({
      code: 'implausible',
      fields: { birthDate: 'The birth date 1904-01-01 makes the client 122 years old.' },
    });
    expect(await ok<ClientSummary[]>(core, 'clients.list', {})).toHaveLength(0);

    const normal = await ok<Client>(core, 'clients.create', { name: 'Normal', birthDate: '1990-03-02' });
    expect(normal.birthDate).toBe('1990-03-02');
    const old = await ok<Client>(core, 'clients.create', { name: 'Old', birthDate: '1850-06-01', confirm: true });
    expect(old.birthDate).toBe('1850-06-01');

    // An edit to 3000 needs the confirmation too; other edits of a confirmed client do not ask again.
    expect(await core.dispatch('clients.update', { id: normal.id, patch: { birthDate: '3000-01-01' } })).toMatchObject({
      code: 'implausible',
    });
    expect((await ok<Client>(core, 'clients.get', { id: normal.id })).birthDate).toBe('1990-03-02');
    const edited = await ok<Client>(core, 'clients.update', {
      id: normal.id,
      patch: { birthDate: '3000-01-01' },
      confirm: true,
    });
    expect(edited.birthDate).toBe('3000-01-01');
    expect((await ok<Client>(core, 'clients.update', { id: old.id, patch: { heightCm: 170 } })).heightCm).toBe(170);
  });

  it('validates beside the field: e-mail, ranges, pregnancy for a male client', async () => {
    const core = await unlockedCore();
    expect(await core.dispatch('clients.create', { name: 'X', email: 'nope' })).toMatchObject({
      fields: { email: 'Not a valid e-mail address.' },
    });
    expect(await core.dispatch('clients.create', { name: 'X', weightKg: 1 })).toMatchObject({
      fields: { weightKg: 'Weight must be at least 2 kg.' },
    });
    expect(await core.dispatch('clients.create', { name: 'X', birthDate: '2023-02-30' })).toMatchObject({
      fields: { birthDate: 'This date does not exist.' },
    });
    expect(await core.dispatch('clients.create', { name: 'X', sex: 'male', lifeStage: 'pregnant' })).toMatchObject({
      code: 'invalid-input',
      fields: { lifeStage: 'Pregnancy and lactation apply to female clients only.' },
    });
    expect(await core.dispatch('clients.create', { name: '   ' })).toMatchObject({
      fields: { name: 'Name is required.' },
    });
  });

  it('searches by every word across name, tags and e-mail; sorts; hides archived unless asked', async () => {
    const clock = fixedClock();
    const core = await unlockedCore({ clock });
    const a = await ok<Client>(core, 'clients.create', ana);
    clock.advance(1000);
    await ok(core, 'clients.create', { name: 'bruno Lima', birthDate: '2001-01-01', email: 'bruno@example.org' });
    clock.advance(1000);
    await ok(core, 'clients.create', { name: 'Carla 100%_off', tags: ['vegan'] });
    const names = async (input: object): Promise<string[]> =>
      (await ok<ClientSummary[]>(core, 'clients.list', input)).map((c) => c.name);
    expect(await names({})).toEqual(['Ana Souza', 'bruno Lima', 'Carla 100%_off']);
    expect(await names({ sort: 'created' })).toEqual(['Carla 100%_off', 'bruno Lima', 'Ana Souza']);
    expect(await names({ sort: 'age' })).toEqual(['bruno Lima', 'Ana Souza', 'Carla 100%_off']);
    expect(await names({ search: 'SOUZA ana' })).toEqual(['Ana Souza']);
    expect(await names({ search: 'sport' })).toEqual(['Ana Souza']);
    expect(await names({ search: 'example.org' })).toEqual(['bruno Lima']);
    expect(await names({ search: '%_' })).toEqual(['Carla 100%_off']);
    expect(await names({ search: '%' })).toEqual(['Carla 100%_off']);
    clock.advance(1000);
    await ok(core, 'clients.setArchived', { id: a.id, archived: true });
    expect(await names({})).toEqual(['bruno Lima', 'Carla 100%_off']);
    expect(await names({ includeArchived: true, sort: 'updated' })).toEqual([
      'Ana Souza',
      'Carla 100%_off',
      'bruno Lima',
    ]);
    const list = await ok<ClientSummary[]>(core, 'clients.list', { includeArchived: true });
    expect(list.find((c) => c.name === 'Ana Souza')?.ageYears).toBe(36);
  });

  it('updates only what changed and audits field names, not values', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', ana);
    const same = await ok<Client>(core, 'clients.update', { id: c.id, patch: { name: 'Ana Souza' } });
    expect(same.updatedAt).toBe(c.updatedAt);
    const updated = await ok<Client>(core, 'clients.update', {
      id: c.id,
      patch: { weightKg: 62, notes: 'prefers mornings' },
    });
    expect(updated.weightKg).toBe(62);
    expect(updated.updatedAt).toBeGreaterThan(c.updatedAt);
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: c.id });
    expect(audit[0]).toMatchObject({ action: 'update', fields: ['weightKg', 'notes'] });
    expect(JSON.stringify(audit)).not.toContain('prefers mornings');
  });

  it('delete erases the personal fields, keeps a tombstone, and the client is gone everywhere', async () => {
    const core = await unlockedCore();
    const c = await ok<Client>(core, 'clients.create', { ...ana, email: 'ana@example.org', notes: 'private' });
    await ok(core, 'targets.set', { clientId: c.id, overrides: { fibreG: 30 }, note: 'private note about Ana' });
    await ok(core, 'clients.delete', { id: c.id });
    expect(await ok<ClientSummary[]>(core, 'clients.list', { includeArchived: true })).toEqual([]);
    const notes = core.session
      .database()
      .sqlite.prepare('SELECT note FROM client_targets WHERE client_id = ?')
      .all(c.id);
    expect(notes).toEqual([{ note: null }]);
    expect(await core.dispatch('clients.get', { id: c.id })).toMatchObject({ ok: false, code: 'not-found' });
    expect(await core.dispatch('clients.update', { id: c.id, patch: { name: 'Back' } })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    const row = core.session
      .database()
      .sqlite.prepare('SELECT name, email, notes, birth_date, deleted_at FROM clients WHERE id = ?')
      .get(c.id);
    expect(row).toMatchObject({ name: '', email: null, notes: null, birth_date: null });
    expect((row as { deleted_at: number }).deleted_at).toBeGreaterThan(0);
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: c.id });
    expect(audit.filter((e) => e.entity === 'client').map((e) => e.action)).toEqual(['delete', 'create']);
  });

  it('records the practitioner from Settings as the actor', async () => {
    const core = await unlockedCore();
    await ok(core, 'settings.update', { practitionerName: 'Dr. Reyes' });
    const c = await ok<Client>(core, 'clients.create', { name: 'Z' });
    expect((await ok<AuditEntry[]>(core, 'audit.list', { entityId: c.id }))[0]?.actor).toBe('Dr. Reyes');
  });
});

describe('targets through the contract', () => {
  it('says what is missing, then computes, overrides with history, and follows the equation', async () => {
    const clock = fixedClock('2026-03-15T10:00:00Z');
    const core = await unlockedCore({ clock });
    const c = await ok<Client>(core, 'clients.create', { name: 'No Data' });
    const empty = await ok<TargetsView>(core, 'targets.get', { clientId: c.id });
    expect(empty.targets).toBeNull();
    expect(empty.missing).toEqual(['sex', 'birth date', 'height', 'weight']);

    const full = await ok<Client>(core, 'clients.update', {
      id: c.id,
      patch: { sex: 'female', birthDate: '1996-01-10', heightCm: 165, weightKg: 60, activityLevel: 'sedentary' },
    });
    const view = await ok<TargetsView>(core, 'targets.get', { clientId: full.id });
    const energy = view.targets?.find((t) => t.key === 'energyKcal');
    // Mifflin-St Jeor, woman 30 y, 165 cm, 60 kg: 10·60 + 6.25·165 − 5·30 − 161 = 1320.25 kcal.
    expect(view.bmrKcal).toBeCloseTo(1320.25, 2);
    expect(energy?.value).toBeCloseTo(1320.25 * (view.pal ?? 0), 0);
    const fibre = view.targets?.find((t) => t.key === 'fibreG');
    expect(fibre?.value).toBeCloseTo((energy?.value ?? 0) * 0.014, 1);
    expect(view.targets?.find((t) => t.key === 'ironMg')?.value).toBe(18);

    clock.advance(86_400_000);
    const set = await ok<TargetsView>(core, 'targets.set', {
      clientId: c.id,
      overrides: { fibreG: 30 },
      note: 'IBS plan',
    });
    expect(set.targets?.find((t) => t.key === 'fibreG')).toMatchObject({ value: 30, overridden: true });
    expect(set.effectiveFrom).toBe('2026-03-16');
    // The day before the override still shows the computed value.
    const before = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-15' });
    expect(before.targets?.find((t) => t.key === 'fibreG')?.overridden).toBe(false);
    const history = await ok<{ overrides: object; note: string }[]>(core, 'targets.history', { clientId: c.id });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ overrides: { fibreG: 30 }, note: 'IBS plan' });

    const eer = await ok<TargetsView>(core, 'targets.set', { clientId: c.id, overrides: {}, equation: 'iom-eer' });
    expect(eer.equation).toBe('iom-eer');
    expect(eer.targets?.find((t) => t.key === 'fibreG')?.overridden).toBe(false);
    expect(await core.dispatch('targets.set', { clientId: c.id, overrides: { fibreG: -3 } })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
    expect(await core.dispatch('targets.set', { clientId: c.id, overrides: { madeUp: 3 } })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });
  });
});
