import fs from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract/errors.ts';
import { normaliseClock, parseCronometer, parseMyFitnessPal, parseOpenNutriTracker } from './formats.ts';

const fixture = (name: string): Uint8Array => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('Cronometer servings export', () => {
  it('reads each food row with its day, time, group, amount and nutrients', () => {
    const parsed = parseCronometer(fixture('cronometer-servings.csv'), 'servings.csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rowsRead).toBe(5);
    const [banana, egg, wrap, snack] = parsed.rows;
    expect(banana).toMatchObject({
      row: 2,
      date: '2026-03-01',
      time: '08:05',
      meal: 'breakfast',
      name: 'Bananas, raw',
      amountText: '1 medium',
      grams: null,
      matchable: true,
    });
    expect(banana?.nutrients).toMatchObject({ energyKcal: 105.02, fibreG: 3.07, potassiumMg: 422.44 });
    // Vitamin D in IU becomes µg (40 IU = 1 µg); grams come from a weight amount.
    expect(egg).toMatchObject({ grams: 50, amountText: '50 g' });
    expect(egg?.nutrients.vitaminDMcg).toBeCloseTo(1.025, 6);
    expect(wrap).toMatchObject({ time: '13:10', meal: 'lunch', amountText: '1 serving' });
    // Empty cells are unknown, not zero.
    expect(wrap?.nutrients.waterG).toBeUndefined();
    expect(snack).toMatchObject({ time: null, meal: 'snack', grams: 100 });
  });

  it('reads caffeine and alcohol where the export has them, and leaves them unknown where it has not', () => {
    const csv =
      'Day,Time,Group,Food Name,Amount,Energy (kcal),Alcohol (g),Caffeine (mg)\n' +
      '2026-03-01,8:00 AM,Breakfast,"Coffee, brewed",1.00 cup,2.37,0.00,94.80\n' +
      '2026-03-01,7:00 PM,Dinner,"Beer, regular",1.00 can,153.08,13.88,0.00\n' +
      '2026-03-01,9:00 PM,Snacks,Home-made tonic,1.00 glass,40,,\n';
    const [coffee, beer, tonic] = parseCronometer(text(csv), 'servings.csv').rows;
    expect(coffee?.nutrients).toMatchObject({ caffeineMg: 94.8, alcoholG: 0 });
    expect(beer?.nutrients).toMatchObject({ caffeineMg: 0, alcoholG: 13.88 });
    expect(tonic?.nutrients.caffeineMg).toBeUndefined();
    expect(tonic?.nutrients.alcoholG).toBeUndefined();
    const without = parseCronometer(
      text('Day,Time,Group,Food Name,Amount,Energy (kcal)\n2026-03-01,,Snacks,Tea,1.00 cup,2\n'),
      'b.csv',
    );
    expect(without.rows[0]?.nutrients).toEqual({ energyKcal: 2 });
  });

  it('keeps two identical rows apart and gives each row the same identity in every export', () => {
    const header = 'Day,Time,Group,Food Name,Amount,Energy (kcal)\n';
    const row = '2026-03-01,8:00 AM,Breakfast,Toast,1.00 slice,80\n';
    const once = parseCronometer(text(header + row + row), 'a.csv').rows.map((r) => r.identity);
    expect(new Set(once).size).toBe(2);
    const again = parseCronometer(text(header + row + row + '2026-03-02,,Snacks,Tea,1.00 cup,2\n'), 'b.csv');
    expect(again.rows.slice(0, 2).map((r) => r.identity)).toEqual(once);
  });

  it('lists a bad row with the file and row number and reads the others', () => {
    const csv =
      'Day,Time,Group,Food Name,Amount,Energy (kcal)\n' +
      '2026-03-01,8:00 AM,Breakfast,Toast,1.00 slice,80\n' +
      '2026-02-30,25:00,Lunch,,lots,-5\n';
    const parsed = parseCronometer(text(csv), 'servings.csv');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.errors).toHaveLength(1);
    const [error] = parsed.errors;
    expect(error).toMatchObject({ file: 'servings.csv', row: 3 });
    expect(error?.message).toContain('Day: "2026-02-30" is not a date');
    expect(error?.message).toContain('Time: "25:00"');
    expect(error?.message).toContain('Food Name');
    expect(error?.message).toContain('Amount: "lots"');
    expect(error?.message).toContain('Energy (kcal): -5 is negative');
  });

  it('refuses a file that is not a servings export, naming the missing columns', () => {
    const err = refusal(() => parseCronometer(text('date,food_name,grams\n2026-03-01,Toast,30\n'), 'log.csv'));
    expect(err.code).toBe('invalid-input');
    expect(err.message).toContain('log.csv is not a Cronometer servings export');
    expect(err.message).toContain('"Day", "Food Name", "Amount", "Energy (kcal)"');
    expect(refusal(() => parseCronometer(text(''), 'empty.csv')).message).toContain('empty.csv is empty');
  });

  it('reads 12- and 24-hour clock times', () => {
    expect(normaliseClock('8:30 AM')).toBe('08:30');
    expect(normaliseClock('12:15 AM')).toBe('00:15');
    expect(normaliseClock('12:15 PM')).toBe('12:15');
    expect(normaliseClock('07:45 PM')).toBe('19:45');
    expect(normaliseClock('19:30:00')).toBe('19:30');
    expect(normaliseClock('')).toBeNull();
    expect(normaliseClock('13:00 PM')).toBeUndefined();
  });
});

describe('MyFitnessPal nutrition export', () => {
  it('reads one row per meal with its totals; the % daily value columns are never amounts', () => {
    const parsed = parseMyFitnessPal(fixture('mfp-nutrition.csv'), 'Nutrition-Summary.csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(3);
    const [breakfast, dinner, snacks] = parsed.rows;
    expect(breakfast).toMatchObject({ date: '2026-03-01', meal: 'breakfast', matchable: false, amountText: null });
    expect(breakfast?.nutrients).toEqual({
      energyKcal: 420,
      fatG: 12,
      satFatG: 3,
      polyFatG: 2,
      monoFatG: 4,
      cholesterolMg: 180,
      sodiumMg: 560,
      potassiumMg: 300,
      carbG: 55,
      fibreG: 6,
      sugarG: 12,
      proteinG: 22,
    });
    expect(dinner?.name).toBe('Dinner (MyFitnessPal meal total): ate out');
    expect(snacks?.meal).toBe('snack');
  });

  it('reads a large amount written with a thousands separator', () => {
    const csv = 'Date,Meal,Calories,Fat (g),Note\n2026-03-01,Dinner,"1,050",30,\n2026-03-01,Lunch,"1,5",3,\n';
    const parsed = parseMyFitnessPal(text(csv), 'n.csv');
    expect(parsed.rows[0]?.nutrients.energyKcal).toBe(1050);
    expect(parsed.errors).toEqual([{ file: 'n.csv', row: 3, message: 'Calories: "1,5" is not a number' }]);
  });

  it('refuses a Cronometer file given as MyFitnessPal', () => {
    const err = refusal(() => parseMyFitnessPal(fixture('cronometer-servings.csv'), 'servings.csv'));
    expect(err.message).toContain('servings.csv is not a MyFitnessPal nutrition export');
    expect(err.message).toContain('"Date", "Meal", "Calories"');
  });
});

describe('OpenNutriTracker export', () => {
  const json = fixture('ont-user_intake.json');

  it('reads user_intake.json from the export zip, scaling per-100 g nutrients to the amount eaten', () => {
    const zip = zipSync({
      'user_activity.json': text('[]'),
      'user_intake.json': json,
      'user_tracked_day.json': text('[]'),
    });
    const parsed = parseOpenNutriTracker(zip, 'opennutritracker-export.zip');
    expect(parsed.errors).toEqual([]);
    const [granola, bananas, drink] = parsed.rows;
    expect(granola).toMatchObject({
      row: 1,
      date: '2026-03-01',
      time: '07:30',
      meal: 'breakfast',
      name: 'Fictional Granola (Example Mills)',
      grams: 150,
      identity: '0b7c3f0e-5a8e-4c61-9d1e-2f4a6b8c0d11',
    });
    expect(granola?.nutrients.energyKcal).toBeCloseTo(675, 6);
    expect(granola?.nutrients.fibreG).toBeCloseTo(12, 6);
    // Two servings of 118 g.
    expect(bananas).toMatchObject({ meal: 'snack', grams: 236, amountText: '2 serving' });
    expect(bananas?.nutrients.energyKcal).toBeCloseTo(210.04, 6);
    // Millilitres are not grams: the nutrients are the app's, the amount stays in ml.
    expect(drink).toMatchObject({ grams: null, amountText: '250 ml' });
    expect(drink?.nutrients.energyKcal).toBeCloseTo(115, 6);
  });

  it('reads the user_intake.json alone as well', () => {
    expect(parseOpenNutriTracker(json, 'user_intake.json').rows).toHaveLength(3);
  });

  it('refuses a zip without the intake file, and a file that is not JSON', () => {
    const zip = zipSync({ 'user_activity.json': text('[]') });
    const noIntake = refusal(() => parseOpenNutriTracker(zip, 'export.zip'));
    expect(noIntake.message).toContain('export.zip is not a readable OpenNutriTracker export');
    expect(noIntake.message).toContain('no user_intake.json');
    const notJson = refusal(() => parseOpenNutriTracker(text('Day,Time\n'), 'servings.csv'));
    expect(notJson.message).toContain('servings.csv is not an OpenNutriTracker export: it is not valid JSON');
    const notList = refusal(() => parseOpenNutriTracker(text('{"a":1}'), 'user_intake.json'));
    expect(notList.message).toContain('should be a JSON array');
  });

  it('lists an intake it cannot read with the file inside the zip and its place', () => {
    const bad = JSON.stringify([
      { id: 'x', unit: 'cup', amount: 1, type: 'lunch', meal: { name: 'Soup', nutriments: {} }, dateTime: 'yesterday' },
    ]);
    const parsed = parseOpenNutriTracker(zipSync({ 'user_intake.json': text(bad) }), 'export.zip');
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors[0]).toMatchObject({ file: 'export.zip/user_intake.json', row: 1 });
    expect(parsed.errors[0]?.message).toContain('unit: "cup" is not g, ml or serving');
    expect(parsed.errors[0]?.message).toContain('dateTime');
  });
});
