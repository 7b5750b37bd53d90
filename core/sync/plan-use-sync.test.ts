import { describe, expect, it } from 'vitest';
import type { Food } from '../contract/foods.ts';
import { ok } from '../test-utils/core-harness.ts';
import { practice, sync, useSyncServer } from '../test-utils/sync-harness.ts';
import { sqliteOf } from '../test-utils/sync-inspect.ts';
import { ENCRYPTED_PREFIX } from './protocol/wire.ts';

/**
 * The meal-plan setting of a recipe between two real computers through the real server over a real
 * PostgreSQL: it travels encrypted, an edit on either computer reaches the other, and a computer that
 * synced before it knew the field (an earlier version drops a field it does not know) pulls again once
 * and fills it in.
 */

const server = useSyncServer();

const DINNER_MAIN = { mealTypes: ['dinner'], main: true, measure: { label: '1 bowl', grams: 350 } };
const STEW = { name: 'Lentil stew', ingredients: [{ foodId: 'usda:16070', grams: 700 }], servings: 2 };

async function serverField(id: string, field: string): Promise<unknown> {
  const r = await server.current.pool.query<{ v: unknown }>(`SELECT fields->$2 AS v FROM custom_foods WHERE id = $1`, [
    id,
    field,
  ]);
  return r.rows[0]?.v;
}

describe('plan-ready foods sync', () => {
  it('the setting made on A reaches B encrypted, and an edit on B returns to A', async () => {
    const { a, join } = await practice(server.current.url);
    const stew = await ok<Food>(a.core, 'foods.createRecipe', { ...STEW, planUse: DINNER_MAIN });
    await sync(a.core);
    expect(String(await serverField(stew.id, 'plan_use'))).toMatch(new RegExp(`^${ENCRYPTED_PREFIX}`));

    const b = await join('Laptop');
    await sync(b.core);
    expect((await ok<Food>(b.core, 'foods.get', { id: stew.id })).planUse).toEqual(DINNER_MAIN);

    b.clock.advance(60_000);
    const lunch = { mealTypes: ['lunch', 'dinner'], main: false, measure: null };
    await ok(b.core, 'foods.updateRecipe', { id: stew.id, recipe: { ...STEW, planUse: lunch } });
    await sync(b.core);
    await sync(a.core);
    expect((await ok<Food>(a.core, 'foods.get', { id: stew.id })).planUse).toEqual(lunch);

    // Taken out of the pool on A: B's copy is out of it too.
    a.clock.advance(60_000);
    await ok(a.core, 'foods.updateRecipe', { id: stew.id, recipe: { ...STEW, planUse: null } });
    await sync(a.core);
    await sync(b.core);
    expect((await ok<Food>(b.core, 'foods.get', { id: stew.id })).planUse).toBeNull();
  });

  it('a computer that synced before it knew the field pulls again once and gets the setting', async () => {
    const { a, join } = await practice(server.current.url);
    const stew = await ok<Food>(a.core, 'foods.createRecipe', { ...STEW, planUse: DINNER_MAIN });
    await sync(a.core);
    const b = await join('Laptop');
    await sync(b.core);
    // B as an earlier version left it: the food without the field, its cursor past the row.
    const db = sqliteOf(b);
    db.prepare('UPDATE sync_meta SET applying = 1').run();
    db.prepare('UPDATE foods SET plan_use = NULL WHERE id = ?').run(stew.id);
    db.prepare('UPDATE sync_meta SET applying = 0').run();
    db.prepare("DELETE FROM sync_stamps WHERE tbl = 'custom_foods' AND field = 'plan_use'").run();
    db.prepare("UPDATE sync_state SET value = '2' WHERE key = 'table_level'").run();
    expect((await ok<Food>(b.core, 'foods.get', { id: stew.id })).planUse).toBeNull();
    await sync(b.core);
    expect((await ok<Food>(b.core, 'foods.get', { id: stew.id })).planUse).toEqual(DINNER_MAIN);
  });
});
