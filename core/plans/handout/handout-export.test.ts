import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/clients.ts';
import type { Food } from '../../contract/foods.ts';
import type { Plan } from '../../contract/plans.ts';
import { formatNumber } from '../../reports/render-html.ts';
import { addClient } from '../../test-utils/clients.ts';
import { fixedClock, ok, unlockedCore } from '../../test-utils/core-harness.ts';
import { pdfText } from '../../test-utils/pdf-text.ts';

const BANANA = 'usda:09040';
const MILK = 'usda:01077';
const OATS = 'usda:08121';

/**
 * The handout as the practitioner exports it: the real core, a real plan, the PDF printed by Chromium
 * and read back by poppler. Its figures are compared with a fresh computation from the food table, not
 * with what the service says, and an eating-disorder-sensitive client's handout is searched for any
 * energy wording or figure.
 */
describe('the meal-plan handout PDF (real Chromium)', () => {
  async function planWith(fields: Record<string, unknown>) {
    const core = await unlockedCore({ clock: fixedClock('2026-12-06T10:00:00Z') });
    const s = core;
    await ok(s, 'settings.update', { practitionerName: 'Dr Plan Printer' });
    const client = await addClient(s, { name: 'Hana Handout', ...fields });
    const plan = await ok<Plan>(s, 'plans.create', {
      clientId: client.id,
      name: 'First week',
      startDate: '2026-12-07',
      days: 2,
    });
    const add = (input: Record<string, unknown>) => ok<Plan>(s, 'plans.addEntry', { planId: plan.id, ...input });
    const withOats = await add({ day: 1, slot: 'breakfast', foodId: OATS, amount: '1 cup' });
    const oats = withOats.entries[0];
    await add({ day: 1, slot: 'breakfast', foodId: MILK, grams: 250, altOf: oats?.id });
    await add({ day: 1, slot: 'snack', foodId: BANANA, amount: '1 medium' });
    await add({ day: 2, slot: 'snack', foodId: BANANA, amount: '2 medium' });
    await ok(s, 'plans.setNote', { planId: plan.id, note: { day: 2, slot: null, text: 'Rest day: an easy walk.' } });
    return { core, client, plan: await ok<Plan>(s, 'plans.get', { planId: plan.id }) };
  }

  const exportPdf = async (core: Awaited<ReturnType<typeof planWith>>['core'], planId: string) => {
    const file = await ok<{ fileName: string; dataBase64: string; pages: number }>(core, 'plans.export', { planId });
    return { ...file, text: pdfText(Buffer.from(file.dataBase64, 'base64')) };
  };

  it('prints each day as planned, with day energy equal to a fresh computation, and a shopping list', async () => {
    const { core, client, plan } = await planWith({});
    const { text, fileName, pages } = await exportPdf(core, plan.id);
    expect(fileName).toBe('meal-plan-hana-handout-first-week-2026-12-07.pdf');
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('Meal plan: First week');
    expect(text).toContain('Dr Plan Printer');
    expect(text).toContain('Rest day: an easy walk.');
    expect(text).toMatch(/or 250 g Milk, whole/);

    // Day energy from the food table: oats (1 cup) + banana (1 medium) on day 1; 2 medium bananas on day 2.
    const food = (id: string) => ok<Food>(core, 'foods.get', { id });
    const kcal = async (id: string, grams: number) => (((await food(id)).nutrients.energyKcal ?? 0) * grams) / 100;
    const grams = (day: number, id: string) =>
      plan.entries
        .filter((e) => e.day === day && e.food.id === id && e.altOf === null)
        .reduce((a, e) => a + e.food.grams, 0);
    const day1 = (await kcal(OATS, grams(1, OATS))) + (await kcal(BANANA, grams(1, BANANA)));
    const day2 = await kcal(BANANA, grams(2, BANANA));
    expect(text).toContain(`Energy ${formatNumber(day1)} kcal`);
    expect(text).toContain(`Energy ${formatNumber(day2)} kcal`);

    // Shopping: three bananas over the two days, the milk alternative not bought.
    expect(text).toMatch(/Bananas, raw: about 3 medium \(\d+ g\)/);
    expect(text).not.toMatch(/Milk, whole: /);

    const audit = await ok<AuditEntry[]>(core, 'audit.list', { entityId: client.id, limit: 50 });
    expect(audit.some((a) => a.action === 'plan-export')).toBe(true);
  });

  it('prints no energy wording or nutrient figure for an eating-disorder-sensitive client', async () => {
    const { core, plan } = await planWith({ edSensitive: true });
    const { text } = await exportPdf(core, plan.id);
    expect(text).toContain('Bananas, raw');
    expect(text).not.toMatch(/kcal|calorie|energy|protein|carbohydrate|target/i);
  });
});
