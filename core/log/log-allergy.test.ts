import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { LogEntry } from '../contract/log.ts';
import type { Core } from '../app.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';

interface ImportReport {
  committed: boolean;
  entriesImported: number;
  allergyConflicts: number;
  errorCount: number;
  errors: { row: number; message: string }[];
}

/**
 * Allergy safety in the core: every way a diet entry is written refuses a food that contains an allergen
 * of the client unless the request carries a reason, and keeps the reason with the entry.
 */

const PEANUT_BUTTER = 'usda:16098'; // Peanut butter, smooth style, with salt (USDA SR28)
const BANANA = 'usda:09040';
const BREAD = 'usda:18069'; // Bread, white, commercially prepared

type Dispatched = Awaited<ReturnType<Core['dispatch']>>;

async function setup(fields: Record<string, unknown> = { allergies: ['Peanut'] }): Promise<{ core: Core; c: Client }> {
  const core = await unlockedCore();
  const c = await ok<Client>(core, 'clients.create', { name: 'Alma Allergy', ...fields });
  return { core, c };
}

const diet = (clientId: string, extra: object) => ({
  kind: 'diet',
  clientId,
  date: '2026-03-10',
  grams: 32,
  ...extra,
});

const list = (core: Core, clientId: string): Promise<LogEntry[]> =>
  ok<LogEntry[]>(core, 'log.list', { clientId, from: '2026-01-01', to: '2026-12-31' });

function eventsRaw(core: Core): { detail: string }[] {
  return core.session.database().sqlite.prepare('SELECT detail FROM events ORDER BY created_at').all() as {
    detail: string;
  }[];
}

describe('log.add and log.update refuse a food the client is allergic to unless a reason is given', () => {
  it('names the food, the allergen and the recorded allergy, stores nothing, and says how to save anyway', async () => {
    const { core, c } = await setup();
    const refused = await core.dispatch('log.add', diet(c.id, { foodId: PEANUT_BUTTER }));
    expect(refused).toMatchObject({ ok: false, code: 'allergen-conflict' });
    const message = (refused as Extract<Dispatched, { ok: false }>).message;
    expect(message).toContain('Peanut butter, smooth style, with salt');
    expect(message).toContain('contains peanut');
    expect(message).toContain('"Peanut"');
    expect(message).toMatch(/to save it anyway, confirm the allergy warning and give a reason/);
    expect(await list(core, c.id)).toEqual([]);
    // An empty reason is not a reason.
    expect(
      await core.dispatch('log.add', diet(c.id, { foodId: PEANUT_BUTTER, allergyConfirmation: { reason: '  ' } })),
    ).toMatchObject({ ok: false, code: 'invalid-input', fields: { 'allergyConfirmation.reason': expect.any(String) } });
    // A food without the allergen needs nothing.
    await ok(core, 'log.add', diet(c.id, { foodId: BANANA }));
  });

  it('keeps a confirmed save with its allergens, reason and time; log.list shows it; the audit has no reason', async () => {
    const { core, c } = await setup();
    const { entry } = await ok<{ entry: LogEntry }>(
      core,
      'log.add',
      diet(c.id, { foodId: PEANUT_BUTTER, allergyConfirmation: { reason: 'Oral challenge passed, allergist letter' } }),
    );
    expect(entry.allergyConfirmation).toEqual({
      allergens: ['peanut'],
      reason: 'Oral challenge passed, allergist letter',
      at: expect.any(Number),
    });
    expect((await list(core, c.id))[0]?.allergyConfirmation?.reason).toBe('Oral challenge passed, allergist letter');
    expect(JSON.parse(eventsRaw(core)[0]!.detail)).toMatchObject({
      allergyConfirmation: { allergens: ['peanut'], reason: 'Oral challenge passed, allergist letter' },
    });
    const audit = core.session.database().sqlite.prepare('SELECT action, fields FROM audit_log').all() as {
      action: string;
      fields: string;
    }[];
    expect(audit.find((a) => a.action === 'log-add')?.fields).toBe('["diet","allergyConfirmation"]');
    expect(JSON.stringify(audit)).not.toContain('allergist');
    // The client's record, as exported, keeps it too.
    const out = await ok<{ dataBase64: string }>(core, 'export.client', { clientId: c.id });
    const zip = unzipSync(new Uint8Array(Buffer.from(out.dataBase64, 'base64')));
    const logJson = JSON.parse(strFromU8(zip['log.json']!)) as { entries: { allergyConfirmation: unknown }[] };
    expect(logJson.entries[0]?.allergyConfirmation).toMatchObject({
      reason: 'Oral challenge passed, allergist letter',
    });
  });

  it('an edit keeps the confirmation for the same food; changing to a conflicting food needs a reason', async () => {
    const { core, c } = await setup();
    const confirmed = await ok<{ entry: LogEntry }>(
      core,
      'log.add',
      diet(c.id, { foodId: PEANUT_BUTTER, allergyConfirmation: { reason: 'Tolerates it' } }),
    );
    const edited = await ok<{ entry: LogEntry }>(core, 'log.update', {
      id: confirmed.entry.id,
      entry: diet(c.id, { foodId: PEANUT_BUTTER, grams: 16 }),
    });
    expect(edited.entry.allergyConfirmation?.reason).toBe('Tolerates it');

    const banana = await ok<{ entry: LogEntry }>(core, 'log.add', diet(c.id, { foodId: BANANA, grams: 100 }));
    expect(
      await core.dispatch('log.update', { id: banana.entry.id, entry: diet(c.id, { foodId: PEANUT_BUTTER }) }),
    ).toMatchObject({ ok: false, code: 'allergen-conflict' });
    const after = (await list(core, c.id)).find((e) => e.id === banana.entry.id);
    expect(after?.food).toMatchObject({ id: BANANA, grams: 100 });
    expect(after?.allergyConfirmation).toBeNull();
  });

  it('counts coeliac disease as avoiding gluten', async () => {
    const { core, c } = await setup({ allergies: [], conditions: ['coeliac-disease'] });
    const refused = await core.dispatch('log.add', diet(c.id, { foodId: BREAD }));
    expect(refused).toMatchObject({ ok: false, code: 'allergen-conflict' });
    expect((refused as Extract<Dispatched, { ok: false }>).message).toContain(
      'contains gluten (recorded allergy: "coeliac disease")',
    );
  });
});

describe('log.copyDay and log.importCsv', () => {
  it('copyDay carries a confirmation, and refuses (copying nothing) a conflict without one', async () => {
    const { core, c } = await setup({ allergies: [] });
    await ok(core, 'log.add', diet(c.id, { foodId: PEANUT_BUTTER }));
    await ok(core, 'log.add', diet(c.id, { foodId: BANANA }));
    // The allergy is recorded after the day was logged: copying it now is a new decision.
    await ok(core, 'clients.update', { id: c.id, patch: { allergies: ['peanuts'] } });
    const refused = await core.dispatch('log.copyDay', { clientId: c.id, from: '2026-03-10', to: '2026-03-11' });
    expect(refused).toMatchObject({ ok: false, code: 'allergen-conflict' });
    expect((refused as Extract<Dispatched, { ok: false }>).message).toMatch(
      /^Nothing was copied\. Peanut butter, smooth style, with salt contains peanut \(recorded allergy: "peanuts"\)\./,
    );
    expect((await list(core, c.id)).filter((e) => e.date === '2026-03-11')).toEqual([]);

    await ok(core, 'log.copyDay', {
      clientId: c.id,
      from: '2026-03-10',
      to: '2026-03-11',
      allergyConfirmation: { reason: 'Client insists, discussed' },
    });
    const copied = (await list(core, c.id)).filter((e) => e.date === '2026-03-11');
    expect(copied.map((e) => [e.food?.id, e.allergyConfirmation?.reason ?? null])).toEqual([
      [PEANUT_BUTTER, 'Client insists, discussed'],
      [BANANA, null],
    ]);
    // The copy of a confirmed day keeps its confirmation without a new reason.
    await ok(core, 'log.copyDay', { clientId: c.id, from: '2026-03-11', to: '2026-03-12' });
    const again = (await list(core, c.id)).filter((e) => e.date === '2026-03-12');
    expect(again[0]?.allergyConfirmation?.reason).toBe('Client insists, discussed');
  });

  it('importCsv reports each conflicting row by number and allergen, commits nothing, and imports with a reason', async () => {
    const { core, c } = await setup({ allergies: ['Peanut'] });
    const file = [
      'date,food_id,grams',
      `2026-03-10,${BANANA},100`,
      `2026-03-10,${PEANUT_BUTTER},32`,
      `2026-03-11,${PEANUT_BUTTER},16`,
    ].join('\n');
    const upload = { clientId: c.id, fileName: 'log.csv', dataBase64: Buffer.from(file).toString('base64') };
    const report = await ok<ImportReport>(core, 'log.importCsv', upload);
    expect(report).toMatchObject({ committed: false, entriesImported: 0, allergyConflicts: 2, errorCount: 2 });
    expect(report.errors.map((e) => e.row)).toEqual([3, 4]);
    expect(report.errors[0]?.message).toBe(
      'Peanut butter, smooth style, with salt contains peanut (recorded allergy: "Peanut").',
    );
    expect(await list(core, c.id)).toEqual([]);

    const imported = await ok<ImportReport>(core, 'log.importCsv', {
      ...upload,
      allergyConfirmation: { reason: 'Food diary as eaten' },
    });
    expect(imported).toMatchObject({ committed: true, entriesImported: 3, allergyConflicts: 0 });
    const entries = await list(core, c.id);
    expect(entries.map((e) => e.allergyConfirmation?.reason ?? null)).toEqual([
      null,
      'Food diary as eaten',
      'Food diary as eaten',
    ]);
  });
});

describe("foods carry allergens; recipes take their ingredients'", () => {
  it("search and get include allergens; a custom food takes the practitioner's flags or, left out, the derived ones", async () => {
    const { core } = await setup({});
    const hits = await ok<{ id: string; allergens: string[] }[]>(core, 'foods.search', {
      query: 'peanut butter smooth',
    });
    expect(hits.find((h) => h.id === PEANUT_BUTTER)?.allergens).toEqual(['peanut']);
    expect(await ok(core, 'foods.get', { id: PEANUT_BUTTER })).toMatchObject({
      allergens: ['peanut'],
      allergenBasis: 'derived',
    });
    const derived = await ok<{ allergens: string[] }>(core, 'foods.createCustom', {
      name: 'Grandma cheese scones',
      nutrients: { energyKcal: 350 },
    });
    expect(derived.allergens).toEqual(['milk', 'gluten']);
    const byHand = await ok<{ allergens: string[]; allergenBasis: string }>(core, 'foods.createCustom', {
      name: 'Seed bar',
      nutrients: { energyKcal: 450 },
      allergens: ['sesame', 'milk'],
    });
    expect(byHand).toMatchObject({ allergens: ['milk', 'sesame'], allergenBasis: 'practitioner' });
    expect(await ok(core, 'foods.deriveAllergens', { name: 'Satay sauce with peanuts' })).toEqual({
      allergens: ['peanut'],
    });
  });

  it('a recipe is the union of its ingredients, recomputed when an ingredient (even nested) changes', async () => {
    const { core, c } = await setup({ allergies: ['sesame'] });
    const paste = await ok<{ id: string }>(core, 'foods.createCustom', {
      name: 'House paste',
      nutrients: { energyKcal: 300 },
      allergens: [],
    });
    const sauce = await ok<{ id: string; allergens: string[] }>(core, 'foods.createRecipe', {
      name: 'Sauce',
      ingredients: [
        { foodId: paste.id, grams: 50 },
        { foodId: PEANUT_BUTTER, grams: 20 },
      ],
    });
    expect(sauce.allergens).toEqual(['peanut']);
    const bowl = await ok<{ id: string; allergens: string[] }>(core, 'foods.createRecipe', {
      name: 'Noodle bowl',
      ingredients: [
        { foodId: sauce.id, grams: 70 },
        { foodId: BREAD, grams: 30 },
      ],
    });
    expect(bowl.allergens).toEqual(['peanut', 'gluten']);
    // The paste turns out to contain sesame: both recipes above it take it, and a sesame client is warned.
    await ok(core, 'foods.updateCustom', {
      id: paste.id,
      food: { name: 'House paste', nutrients: { energyKcal: 300 }, allergens: ['sesame'] },
    });
    const stored = core.session
      .database()
      .sqlite.prepare('SELECT id, allergens FROM foods WHERE source = ?')
      .all('recipe') as { id: string; allergens: string }[];
    expect(Object.fromEntries(stored.map((r) => [r.id, JSON.parse(r.allergens) as string[]]))).toEqual({
      [sauce.id]: ['peanut', 'sesame'],
      [bowl.id]: ['peanut', 'gluten', 'sesame'],
    });
    expect(await core.dispatch('log.add', diet(c.id, { foodId: bowl.id }))).toMatchObject({
      ok: false,
      code: 'allergen-conflict',
    });
    const check = await ok<{ conflicts: { foodId: string }[] }>(core, 'foods.allergyCheck', {
      clientId: c.id,
      foodIds: [bowl.id, BANANA],
    });
    expect(check.conflicts.map((x) => x.foodId)).toEqual([bowl.id]);
  });
});
