import { describe, expect, it } from 'vitest';
import type { Core } from '../app.ts';
import type { AuditEntry, Client } from '../contract/clients.ts';
import type { Food } from '../contract/foods.ts';
import type { Recommendation } from '../contract/rules.ts';
import type { Settings } from '../contract/settings.ts';
import type { OverdueFollowUp, Visit, VisitSnapshot } from '../contract/visits.ts';
import { BODY_FIGURE } from '../rules/guardrails.ts';
import { addClient } from '../test-utils/clients.ts';
import { fixedClock, ok, unlockedCore } from '../test-utils/core-harness.ts';

/**
 * Visits through the contract over a real SQLCipher database: recording, editing (goals keep their
 * ids), deleting, every refusal with its words (nothing written), the note format setting, the overdue
 * list and the snapshot, whose intake figures are checked against a fresh computation from the log.
 */

type Dispatched = Awaited<ReturnType<Core['dispatch']>>;
const refusal = (r: Dispatched) => r as Extract<Dispatched, { ok: false }>;

const ADIME = { format: 'adime', assessment: 'Eats late; skips breakfast.', intervention: 'Breakfast daily.' };

async function setup() {
  const clock = fixedClock('2026-03-15T10:00:00Z');
  const core = await unlockedCore({ clock });
  const ana = await addClient(core, { name: 'Ana Example' });
  const add = (input: object) =>
    ok<Visit>(core, 'visits.add', { clientId: ana.id, date: '2026-03-01', type: 'first', note: ADIME, ...input });
  const list = () => ok<Visit[]>(core, 'visits.list', { clientId: ana.id });
  return { core, clock, ana, add, list };
}

describe('visits', () => {
  it('are stored with their note, goals (target in the canonical unit) and follow-up, newest first', async () => {
    const { core, ana, add, list } = await setup();
    const first = await add({
      durationMin: 60,
      goals: [
        { text: 'Reach 150 lb', measureKind: 'weight', targetValue: 150, unit: 'lb', reviewOn: '2026-06-01' },
        { text: 'Breakfast on five days a week' },
      ],
      nextFollowUp: '2026-03-29',
    });
    expect(first).toMatchObject({ date: '2026-03-01', type: 'first', durationMin: 60, nextFollowUp: '2026-03-29' });
    expect(first.note).toEqual({ ...ADIME, diagnosis: '', monitoring: '' });
    const [weight, habit] = first.goals;
    expect(weight).toMatchObject({ measureKind: 'weight', unit: 'lb', enteredTargetValue: 150, visitId: first.id });
    expect(weight?.targetValue).toBeCloseTo(150 * 0.45359237, 9);
    expect(habit).toMatchObject({ measureKind: null, targetValue: null, unit: null, status: 'open' });

    const soap = await add({
      date: '2026-03-14',
      type: 'follow-up',
      note: { format: 'soap', subjective: 'Feels better.', plan: 'Keep going.' },
    });
    expect((await list()).map((v) => v.id)).toEqual([soap.id, first.id]);
    expect(await ok<Visit>(core, 'visits.get', { id: first.id })).toEqual(first);
    const goals = await ok<{ id: string }[]>(core, 'visits.goals', { clientId: ana.id });
    expect(goals.map((g) => g.id)).toEqual(first.goals.map((g) => g.id));
    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: ana.id, limit: 50 });
    expect(audit.filter((a) => a.action === 'visit-add')).toHaveLength(2);
  });

  it('keep each goal’s id across edits; new goals get new ids; a deleted visit is gone', async () => {
    const { core, clock, ana, add, list } = await setup();
    const v = await add({
      goals: [{ text: 'Walk daily' }, { text: 'Waist 80 cm', measureKind: 'waist', targetValue: 80 }],
    });
    const [walk, waist] = v.goals;
    clock.advance(60_000);
    const edited = await ok<Visit>(core, 'visits.update', {
      id: v.id,
      visit: {
        clientId: ana.id,
        date: '2026-03-01',
        type: 'first',
        note: ADIME,
        goals: [
          {
            id: waist?.id,
            text: 'Waist 32 in',
            measureKind: 'waist',
            targetValue: 32,
            unit: 'in',
            status: 'partly-met',
          },
          { text: 'Cook at home three nights' },
        ],
      },
    });
    expect(edited.goals[0]).toMatchObject({ id: waist?.id, status: 'partly-met', unit: 'in', enteredTargetValue: 32 });
    expect(edited.goals[0]?.targetValue).toBeCloseTo(81.28, 9);
    expect(edited.goals[1]?.id).not.toBe(walk?.id);
    expect(edited.goals[1]?.id).not.toBe(waist?.id);
    expect(edited.updatedAt).toBeGreaterThan(v.updatedAt);

    await ok(core, 'visits.delete', { id: v.id });
    expect(await list()).toEqual([]);
    expect(refusal(await core.dispatch('visits.get', { id: v.id })).code).toBe('not-found');
  });

  it('refuse bad input naming the field, and write nothing', async () => {
    const { core, ana, add, list } = await setup();
    const base = { clientId: ana.id, date: '2026-03-01', type: 'first', note: ADIME };
    const cases: [object, string, RegExp][] = [
      [{ date: '2026-03-16' }, 'date', /after today/],
      [{ nextFollowUp: '2026-02-28' }, 'nextFollowUp', /before the visit/],
      [
        { goals: [{ text: 'Lose weight', measureKind: 'weight', targetValue: 10, unit: 'stone' }] },
        'goals.0.unit',
        /kg or lb/,
      ],
      [{ goals: [{ text: 'Eat well', targetValue: 5 }] }, 'goals.0.targetValue', /no measurement/],
      [{ goals: [{ text: 'Eat well', unit: 'kg' }] }, 'goals.0.unit', /no measurement/],
      [
        { goals: [{ text: 'Weigh 2 kg', measureKind: 'weight', targetValue: 0.2 }] },
        'goals.0.targetValue',
        /plausible/,
      ],
      [{ goals: [{ text: 'Grip', measureKind: 'custom', targetValue: 30 }] }, 'goals.0.unit', /unit/],
      [{ goals: [{ id: '0190b5c2-0000-7000-8000-000000000000', text: 'Old goal' }] }, 'goals.0.id', /does not have/],
    ];
    for (const [patch, field, words] of cases) {
      const r = refusal(await core.dispatch('visits.add', { ...base, ...patch }));
      expect(r.ok, field).toBe(false);
      expect(r.code, field).toBe('invalid-input');
      expect(r.message, field).toMatch(words);
      expect(Object.keys(r.fields ?? {}), field).toEqual([field]);
    }
    expect(await list()).toEqual([]);

    // An edit refused leaves the visit as it was.
    const v = await add({});
    const r = refusal(
      await core.dispatch('visits.update', { id: v.id, visit: { ...base, nextFollowUp: '2026-01-01' } }),
    );
    expect(r.code).toBe('invalid-input');
    expect(await ok<Visit>(core, 'visits.get', { id: v.id })).toEqual(v);
  });

  it('default to ADIME notes; the practitioner can choose SOAP', async () => {
    const { core } = await setup();
    expect((await ok<Settings>(core, 'settings.get')).visitNoteFormat).toBe('adime');
    await ok(core, 'settings.update', { visitNoteFormat: 'soap' });
    expect((await ok<Settings>(core, 'settings.get')).visitNoteFormat).toBe('soap');
    expect(refusal(await core.dispatch('settings.update', { visitNoteFormat: 'dap' })).code).toBe('invalid-input');
  });
});

describe('overdue follow-ups', () => {
  it('lists clients whose latest visit’s follow-up has passed, most overdue first', async () => {
    const { core, clock, add } = await setup();
    const ben = await addClient(core, { name: 'Ben Example' });
    const cai = await addClient(core, { name: 'Cai Example' });
    const dee = await addClient(core, { name: 'Dee Example' });
    const eve = await addClient(core, { name: 'Eve Example' });
    const visit = (c: Client, date: string, next: string | null) =>
      ok<Visit>(core, 'visits.add', { clientId: c.id, date, type: 'follow-up', note: ADIME, nextFollowUp: next });
    await add({ nextFollowUp: '2026-03-10' }); // Ana: 5 days overdue
    const benVisit = await visit(ben, '2026-02-01', '2026-02-15'); // Ben: 28 days overdue
    await visit(cai, '2026-02-01', '2026-02-15');
    await visit(cai, '2026-03-12', '2026-04-12'); // Cai was seen since: not overdue
    await visit(dee, '2026-03-01', '2026-03-15'); // due today: not yet overdue
    await visit(eve, '2026-02-01', '2026-02-20');
    await ok(core, 'clients.setArchived', { id: eve.id, archived: true }); // archived: not listed

    const overdue = await ok<OverdueFollowUp[]>(core, 'visits.overdue');
    expect(overdue.map((o) => [o.clientName, o.due, o.daysOverdue])).toEqual([
      ['Ben Example', '2026-02-15', 28],
      ['Ana Example', '2026-03-10', 5],
    ]);
    expect(overdue[0]).toMatchObject({ clientId: ben.id, visitId: benVisit.id, lastVisit: '2026-02-01' });

    // Tomorrow Dee is overdue too; deleting Ben removes him (and his visits) from the list.
    clock.advance(86_400_000);
    await ok(core, 'clients.delete', { id: ben.id });
    const next = await ok<OverdueFollowUp[]>(core, 'visits.overdue');
    expect(next.map((o) => [o.clientName, o.daysOverdue])).toEqual([
      ['Ana Example', 6],
      ['Dee Example', 1],
    ]);
  });
});

describe('the visit snapshot', () => {
  const BANANA = 'usda:09040';
  const OATS = 'usda:08121';

  it('refuse an edit made to a visit changed since it was opened, and change nothing', async () => {
    const { core, clock, ana, add, list } = await setup();
    const v = await add({ goals: [{ text: 'Walk daily' }] });
    const visit = { clientId: ana.id, date: '2026-03-01', type: 'first', note: ADIME };
    clock.advance(60_000);
    // Another computer's edit arrives first (as a sync would write it).
    const theirs = await ok<Visit>(core, 'visits.update', {
      id: v.id,
      visit: { ...visit, note: { ...ADIME, monitoring: 'Weekly weigh-in.' } },
      expectedUpdatedAt: v.updatedAt,
    });
    clock.advance(60_000);
    const stale = refusal(
      await core.dispatch('visits.update', {
        id: v.id,
        visit: { ...visit, nextFollowUp: '2026-04-01' },
        expectedUpdatedAt: v.updatedAt,
      }),
    );
    expect(stale.code).toBe('conflict');
    expect(stale.message).toMatch(/changed since you opened it/);
    expect(await list()).toEqual([theirs]);
  });

  it('lists in the snapshot exactly the recommendations ticked in the editor, saved or not', async () => {
    const { core, ana, add } = await setup();
    await ok(core, 'clients.update', { id: ana.id, patch: { allergies: ['Peanut'], conditions: ['hypertension'] } });
    await ok(core, 'log.add', { kind: 'diet', clientId: ana.id, date: '2026-03-05', foodId: BANANA, grams: 400 });
    const open = await ok<Recommendation[]>(core, 'recommendations.list', { clientId: ana.id });
    expect(open.length).toBeGreaterThan(1);
    const [earlier, now] = open as [Recommendation, Recommendation];
    // Accepted at an earlier visit: not this visit's.
    await ok(core, 'recommendations.accept', { id: earlier.id });
    await add({ date: '2026-03-02', acceptedRecommendationIds: [earlier.id] });
    const fresh = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: ana.id, date: '2026-03-15' });
    expect(fresh.recommendations).toEqual([]);
    const ticked = await ok<VisitSnapshot>(core, 'visits.snapshot', {
      clientId: ana.id,
      date: '2026-03-15',
      acceptedRecommendationIds: [now.id],
    });
    expect(ticked.recommendations.map((r) => r.id)).toEqual([now.id]);
    expect(ticked.text).toContain(`- ${now.title}`);
  });

  it('leaves weight and body sizes out of an eating-disorder-sensitive client’s snapshot, and says so', async () => {
    const { core, ana } = await setup();
    await ok(core, 'clients.update', { id: ana.id, patch: { edSensitive: true } });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'weight', value: 52.3, date: '2026-03-10' });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'waist', value: 66, date: '2026-03-10' });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'ferritin', value: 12, date: '2026-03-10' });
    const snap = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: ana.id, date: '2026-03-15' });
    expect(snap.measurements.map((m) => m.kind)).toEqual(['ferritin']);
    expect(snap.text).not.toMatch(BODY_FIGURE);
    expect(snap.text).toContain('weight and body measurements are left out');
    // Another client, not in that care: all three, weight first.
    const bo = await addClient(core, { name: 'Bo Example' });
    await ok(core, 'measures.add', { clientId: bo.id, kind: 'weight', value: 80, date: '2026-03-10' });
    const other = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: bo.id, date: '2026-03-15' });
    expect(other.text).toMatch(BODY_FIGURE);
  });

  it('has the readings since the last visit with their change, and intake equal to a fresh computation', async () => {
    const { core } = await setup();
    // No weight in the profile: the readings below are the only ones (a profile weight would be a reading too).
    const ana = await ok<Client>(core, 'clients.create', {
      name: 'Bo Example',
      sex: 'male',
      birthDate: '1980-02-02',
      heightCm: 180,
    });
    const add = (input: object) =>
      ok<Visit>(core, 'visits.add', { clientId: ana.id, type: 'first', note: ADIME, ...input });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'weight', value: 74, date: '2026-02-01' });
    await add({ date: '2026-02-01' });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'weight', value: 158, unit: 'lb', date: '2026-03-10' });
    await ok(core, 'measures.add', {
      clientId: ana.id,
      kind: 'blood-pressure',
      value: 128,
      value2: 82,
      date: '2026-02-20',
    });
    await ok(core, 'measures.add', {
      clientId: ana.id,
      kind: 'blood-pressure',
      value: 122,
      value2: 80,
      date: '2026-03-12',
    });
    await ok(core, 'measures.add', { clientId: ana.id, kind: 'waist', value: 84, date: '2026-01-20' }); // before: left out

    const entries: [string, string, number][] = [
      ['2026-02-01', BANANA, 500], // the previous visit's day: outside (since, date]
      ['2026-02-10', BANANA, 240],
      ['2026-02-10', OATS, 80],
      ['2026-03-02', BANANA, 360],
      ['2026-03-14', OATS, 45],
    ];
    for (const [date, foodId, grams] of entries)
      await ok(core, 'log.add', { kind: 'diet', clientId: ana.id, date, foodId, grams });

    const snap = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: ana.id, date: '2026-03-15' });
    expect(snap.since).toBe('2026-02-01');
    expect(snap.measurements.map((m) => [m.label, m.text, m.date, m.change])).toEqual([
      // 74 kg is 163.14 lb (1 lb = 0.45359237 kg).
      ['Weight', '158 lb', '2026-03-10', '−5.14 lb since 2026-02-01'],
      ['Blood pressure', '122/80 mmHg', '2026-03-12', '−6/−2 mmHg since 2026-02-20'],
    ]);

    // Fresh: per logged day in (2026-02-01, 2026-03-15], the sum of each food's nutrient × grams / 100.
    const food = async (id: string) => ok<Food>(core, 'foods.get', { id });
    const foods: Record<string, Food> = { [BANANA]: await food(BANANA), [OATS]: await food(OATS) };
    const days = new Map<string, { energyKcal: number; proteinG: number; fibreG: number }>();
    for (const [date, id, grams] of entries.filter(([d]) => d > '2026-02-01')) {
      const n = foods[id]!.nutrients;
      const d = days.get(date) ?? { energyKcal: 0, proteinG: 0, fibreG: 0 };
      d.energyKcal += ((n.energyKcal ?? 0) * grams) / 100;
      d.proteinG += ((n.proteinG ?? 0) * grams) / 100;
      d.fibreG += ((n.fibreG ?? 0) * grams) / 100;
      days.set(date, d);
    }
    const mean = (k: 'energyKcal' | 'proteinG' | 'fibreG') =>
      [...days.values()].reduce((a, d) => a + d[k], 0) / days.size;
    const fmt = (x: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(x);
    expect(snap.intake).toMatchObject({ from: '2026-02-02', to: '2026-03-15', daysLogged: 3 });
    expect(snap.intake.lines[0]).toMatch(
      new RegExp(`^Energy ${fmt(mean('energyKcal'))} kcal/day \\(target [\\d,]+\\)$`),
    );
    expect(snap.intake.lines).toContainEqual(
      expect.stringMatching(new RegExp(`^Protein ${fmt(mean('proteinG'))} g/day`)),
    );
    expect(snap.intake.lines).toContainEqual(expect.stringMatching(new RegExp(`^Fibre ${fmt(mean('fibreG'))} g/day`)));
    expect(snap.text).toContain('Since the last visit (2026-02-01):');
    expect(snap.text).toContain(`- ${snap.intake.lines[0]}`);
    expect(snap.text).toContain('- Weight: 158 lb (2026-03-10), −5.14 lb since 2026-02-01');
  });

  it('covers the 14 days before a first visit, and has no energy line for an eating-disorder-sensitive client', async () => {
    const { core, ana } = await setup();
    await ok(core, 'clients.update', { id: ana.id, patch: { edSensitive: true } });
    await ok(core, 'log.add', { kind: 'diet', clientId: ana.id, date: '2026-03-01', foodId: BANANA, grams: 100 });
    await ok(core, 'log.add', { kind: 'diet', clientId: ana.id, date: '2026-03-02', foodId: BANANA, grams: 100 });
    const snap = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: ana.id, date: '2026-03-15' });
    expect(snap.since).toBeNull();
    expect(snap.intake).toMatchObject({ from: '2026-03-02', to: '2026-03-15', daysLogged: 1 });
    expect(snap.intake.lines.length).toBeGreaterThan(0);
    expect(snap.text).not.toMatch(/energy|kcal|calorie/i);
  });

  it('lists the recommendations accepted at the visit, in the client’s words', async () => {
    const { core, ana, add } = await setup();
    await ok(core, 'clients.update', {
      id: ana.id,
      patch: { allergies: ['Peanut'], conditions: ['hypertension'], lifeStage: 'pregnant', lifeStageDetail: 2 },
    });
    await ok(core, 'log.add', { kind: 'diet', clientId: ana.id, date: '2026-03-05', foodId: BANANA, grams: 400 });
    const open = await ok<Recommendation[]>(core, 'recommendations.list', { clientId: ana.id });
    expect(open.length).toBeGreaterThan(1);
    const chosen = open[0] as Recommendation;
    await ok(core, 'recommendations.accept', { id: chosen.id });
    const v = await add({ date: '2026-03-15', acceptedRecommendationIds: [chosen.id] });
    const snap = await ok<VisitSnapshot>(core, 'visits.snapshot', { clientId: ana.id, date: v.date, visitId: v.id });
    const words = chosen.clientMessage ?? chosen.suggestions.map((s) => s.text).join(' ');
    expect(snap.recommendations).toEqual([{ id: chosen.id, title: chosen.title, text: words }]);
    expect(snap.text).toContain(`- ${chosen.title}`);
    // A visit with none accepted lists none, though the client has an accepted one.
    const other = await add({ date: '2026-03-14' });
    const none = await ok<VisitSnapshot>(core, 'visits.snapshot', {
      clientId: ana.id,
      date: other.date,
      visitId: other.id,
    });
    expect(none.recommendations).toEqual([]);
  });
});
