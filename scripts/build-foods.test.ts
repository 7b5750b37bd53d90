import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build, parseSr24Measures, parseSr24Nutrients } from './build-foods.ts';

/**
 * scripts/fixtures/sr-sample: the real SR28 ABBREV.txt and FOOD_DES.txt lines of brewed coffee (14209),
 * regular beer (14003), dark chocolate (19904) and salted butter (01001), and the SR24 XML files of the
 * first three cut down to two measures and a few nutrients. Butter has no XML file here (as SR28 foods
 * added after SR24 have none).
 */
const FIXTURE = fileURLToPath(new URL('./fixtures/sr-sample/', import.meta.url));

describe('parseSr24Nutrients', () => {
  it('reads caffeine (mg) and alcohol (g) per 100 g, and keeps a missing element unknown', () => {
    const coffee =
      '<food uid="14209" name="Coffee, brewed"><measure amount="1.0" name="fl oz" grams="29.6"/>' +
      '<nutrient amount="0.0" name="Alcohol"/><nutrient amount="40.0" name="Caffeine"/>' +
      '<nutrient amount="99.39" name="Water"/></food>';
    expect(parseSr24Nutrients(coffee)).toEqual({ caffeineMg: 40, alcoholG: 0 });
    // No Alcohol element: not analysed, so absent rather than 0.
    const chocolate = '<food uid="19904"><nutrient amount="80.0" name="Caffeine"/></food>';
    expect(parseSr24Nutrients(chocolate)).toEqual({ caffeineMg: 80 });
    expect(parseSr24Nutrients('<food uid="1"><nutrient amount="3.0" name="Water"/></food>')).toEqual({});
  });

  it('fails on an amount that is not a number, and on a nutrient given twice', () => {
    expect(() => parseSr24Nutrients('<food><nutrient amount="n/a" name="Caffeine"/></food>')).toThrow(
      /Caffeine: "n\/a" is not an amount/,
    );
    expect(() => parseSr24Nutrients('<food><nutrient amount="" name="Alcohol"/></food>')).toThrow(/Alcohol/);
    expect(() =>
      parseSr24Nutrients('<food><nutrient amount="1" name="Caffeine"/><nutrient amount="2" name="Caffeine"/></food>'),
    ).toThrow(/given twice/);
  });

  it('leaves the measures parser as it was', () => {
    expect(parseSr24Measures('<measure amount="1.0" name="cup (8 fl oz)" grams="237.0"/>')).toEqual([
      [1, 'cup (8 fl oz)', 237],
    ]);
  });
});

describe('build', () => {
  it('puts SR24 caffeine and alcohol beside the SR28 values, null where SR24 has none', () => {
    const { data, stats } = build(`${FIXTURE}ABBREV.txt`, `${FIXTURE}FOOD_DES.txt`, `${FIXTURE}usda_sr24`);
    expect(data.nutrients.slice(-2)).toEqual(['caffeineMg', 'alcoholG']);
    const value = (ndb: string, key: string): number | null | undefined =>
      data.foods.find((f) => f[0] === ndb)?.[3][data.nutrients.indexOf(key)];
    expect(value('14209', 'caffeineMg')).toBe(40);
    expect(value('14209', 'alcoholG')).toBe(0);
    expect(value('14209', 'waterG')).toBe(99.39); // from ABBREV, as before
    expect(value('14003', 'alcoholG')).toBe(3.9);
    expect(value('14003', 'caffeineMg')).toBe(0);
    expect(value('19904', 'caffeineMg')).toBe(80);
    expect(value('19904', 'alcoholG')).toBeNull(); // no Alcohol element in its file
    expect(value('01001', 'caffeineMg')).toBeNull(); // no SR24 file at all
    expect(value('01001', 'alcoholG')).toBeNull();
    expect(stats).toMatchObject({ foods: 4, foodsWithSr24: 3, foodsWithCaffeine: 3, foodsWithAlcohol: 2 });
    // Sorted by NDB number, the same output for the same input.
    expect(data.foods.map((f) => f[0])).toEqual(['01001', '14003', '14209', '19904']);
    const again = build(`${FIXTURE}ABBREV.txt`, `${FIXTURE}FOOD_DES.txt`, `${FIXTURE}usda_sr24`);
    expect(JSON.stringify(again.data)).toBe(JSON.stringify(data));
  });
});
