/**
 * Builds resources/plans/pool.json, the curated food pool of the meal-plan generator, from the
 * hand-written selection below and the bundled SR28 table (resources/foods/usda-sr28.json.gz), so the
 * pool is reproducible: `node scripts/build-plan-pool.ts`. Each food is checked against the table (its
 * NDB number must exist and its name must start with the expected words) and carries the SR28 name.
 *
 * How the foods were chosen (docs/decisions/meal-plan-generator.md): everyday foods as eaten (cooked
 * grains, legumes and meats; raw fruit), a few of each kind for every meal type, plain versions without
 * added salt where SR28 has them, and fortified foods flagged (cereals, plant milks, juice with
 * calcium and vitamin D, UV-exposed mushrooms) so vegan and pregnant clients can reach vitamin D, B12
 * and calcium. The measure is a household serving a person would recognise, not SR28's first measure.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

type Meal = 'breakfast' | 'lunch' | 'dinner' | 'snack';
const MEALS: Record<string, Meal> = { B: 'breakfast', L: 'lunch', D: 'dinner', S: 'snack' };

/** [NDB, expected name start, measure label, grams, meal types (B L D S), main, group, store section, fortified] */
type Pick = [string, string, string, number, string, boolean, string, string, boolean?];

const G = 'Bakery & grains';
const P = 'Produce';
const D = 'Dairy & eggs';
const M = 'Meat & fish';
const C = 'Pantry';
const F = 'Frozen';

const SELECTION: Pick[] = [
  // Grains and breads
  ['08121', 'Cereals, oats, regular', '1 cup cooked oatmeal (234 g)', 234, 'B', false, 'grains', C],
  ['08120', 'Cereals, oats, regular', '1/2 cup dry rolled oats (40 g)', 40, 'B', false, 'grains', C],
  ['08013', 'Cereals ready-to-eat, GENERAL MILLS, CHEERIOS', '1 cup (28 g)', 28, 'B', false, 'grains', C, true],
  ['08001', "Cereals ready-to-eat, KELLOGG, KELLOGG'S ALL-BRAN", '1/2 cup (31 g)', 31, 'B', false, 'grains', C, true],
  ['08060', "Cereals ready-to-eat, KELLOGG, KELLOGG'S RAISIN BRAN", '1 cup (59 g)', 59, 'B', false, 'grains', C, true],
  [
    '08077',
    'Cereals ready-to-eat, GENERAL MILLS, Whole Grain TOTAL',
    '3/4 cup (30 g)',
    30,
    'B',
    false,
    'grains',
    C,
    true,
  ],
  ['18075', 'Bread, whole-wheat', '1 slice (28 g)', 28, 'BLS', false, 'grains', G],
  ['18060', 'Bread, rye', '1 slice (32 g)', 32, 'BL', false, 'grains', G],
  ['18039', 'Bread, oatmeal', '1 slice (27 g)', 27, 'BL', false, 'grains', G],
  ['18266', 'English muffins, whole-wheat', '1 muffin (66 g)', 66, 'B', false, 'grains', G],
  ['18042', 'Bread, pita, whole-wheat', '1 large pita (64 g)', 64, 'L', false, 'grains', G],
  ['18001', 'Bagels, plain, enriched', '1 medium bagel (105 g)', 105, 'B', false, 'grains', G],
  ['28295', 'Tortillas, ready-to-bake or -fry, whole wheat', '1 tortilla (41 g)', 41, 'LD', false, 'grains', G],
  ['18449', 'Tortillas, ready-to-bake or -fry, corn', '1 medium tortilla (26 g)', 26, 'LD', false, 'grains', G],
  ['18235', 'Crackers, whole-wheat', '6 crackers (28 g)', 28, 'S', false, 'grains', C],
  ['20037', 'Rice, brown, long-grain, cooked', '1 cup cooked (195 g)', 195, 'LD', false, 'grains', C],
  [
    '20045',
    'Rice, white, long-grain, regular, enriched, cooked',
    '1 cup cooked (158 g)',
    158,
    'LD',
    false,
    'grains',
    C,
  ],
  ['20121', 'Pasta, cooked, enriched, without added salt', '1 cup cooked (140 g)', 140, 'LD', false, 'grains', C],
  ['20125', 'Pasta, whole-wheat, cooked', '1 cup cooked (140 g)', 140, 'LD', false, 'grains', C],
  ['20137', 'Quinoa, cooked', '1 cup cooked (185 g)', 185, 'LD', false, 'grains', C],
  ['20013', 'Bulgur, cooked', '1 cup cooked (182 g)', 182, 'LD', false, 'grains', C],
  ['20029', 'Couscous, cooked', '1 cup cooked (157 g)', 157, 'LD', false, 'grains', C],
  ['20006', 'Barley, pearled, cooked', '1 cup cooked (157 g)', 157, 'LD', false, 'grains', C],
  ['20032', 'Millet, cooked', '1 cup cooked (174 g)', 174, 'LD', false, 'grains', C],
  ['20010', 'Buckwheat groats, roasted, cooked', '1 cup cooked (168 g)', 168, 'BLD', false, 'grains', C],
  ['20115', 'Noodles, japanese, soba, cooked', '1 cup cooked (114 g)', 114, 'LD', false, 'grains', C],
  ['20310', 'Noodles, egg, cooked', '1 cup cooked (160 g)', 160, 'LD', false, 'grains', C],
  // Starchy vegetables
  [
    '11674',
    'Potatoes, baked, flesh and skin, without salt',
    '1 medium potato (173 g)',
    173,
    'LD',
    false,
    'vegetables',
    P,
  ],
  ['11508', 'Sweet potato, cooked, baked in skin', '1 medium sweet potato (114 g)', 114, 'LD', false, 'vegetables', P],
  ['11179', 'Corn, sweet, yellow, frozen', '1/2 cup (82 g)', 82, 'LD', false, 'vegetables', F],
  ['11313', 'Peas, green, frozen, cooked', '1/2 cup (80 g)', 80, 'LD', false, 'vegetables', F],
  ['11486', 'Squash, winter, butternut, cooked', '1 cup cubes (205 g)', 205, 'LD', false, 'vegetables', P],
  // Vegetables
  [
    '11091',
    'Broccoli, cooked, boiled, drained, without salt',
    '1 cup chopped (156 g)',
    156,
    'LD',
    false,
    'vegetables',
    P,
  ],
  ['11457', 'Spinach, raw', '2 cups (60 g)', 60, 'LD', false, 'vegetables', P],
  ['11458', 'Spinach, cooked, boiled, drained, without salt', '1/2 cup (90 g)', 90, 'LD', false, 'vegetables', P],
  ['11124', 'Carrots, raw', '1 medium carrot (61 g)', 61, 'LDS', false, 'vegetables', P],
  ['11529', 'Tomatoes, red, ripe, raw', '1 medium tomato (123 g)', 123, 'LD', false, 'vegetables', P],
  ['11205', 'Cucumber, with peel, raw', '1/2 cup slices (52 g)', 52, 'LDS', false, 'vegetables', P],
  ['11251', 'Lettuce, cos or romaine, raw', '2 cups shredded (94 g)', 94, 'LD', false, 'vegetables', P],
  ['11821', 'Peppers, sweet, red, raw', '1 cup chopped (149 g)', 149, 'LDS', false, 'vegetables', P],
  ['11234', 'Kale, cooked, boiled, drained, without salt', '1 cup chopped (130 g)', 130, 'LD', false, 'vegetables', P],
  ['11136', 'Cauliflower, cooked, boiled, drained, without salt', '1 cup (124 g)', 124, 'LD', false, 'vegetables', P],
  [
    '11099',
    'Brussels sprouts, cooked, boiled, drained, without salt',
    '1 cup (156 g)',
    156,
    'LD',
    false,
    'vegetables',
    P,
  ],
  ['11260', 'Mushrooms, white, raw', '1 cup sliced (70 g)', 70, 'BLD', false, 'vegetables', P],
  [
    '11939',
    'Mushrooms, portabella, exposed to ultraviolet light, grilled',
    '1 cup sliced (121 g)',
    121,
    'LD',
    false,
    'vegetables',
    P,
    true,
  ],
  [
    '11053',
    'Beans, snap, green, cooked, boiled, drained, without salt',
    '1 cup (125 g)',
    125,
    'LD',
    false,
    'vegetables',
    P,
  ],
  [
    '11478',
    'Squash, summer, zucchini, includes skin, cooked',
    '1 cup sliced (180 g)',
    180,
    'LD',
    false,
    'vegetables',
    P,
  ],
  ['11081', 'Beets, cooked, boiled, drained', '1/2 cup slices (85 g)', 85, 'LD', false, 'vegetables', P],
  ['11109', 'Cabbage, raw', '1 cup shredded (70 g)', 70, 'LD', false, 'vegetables', P],
  ['11282', 'Onions, raw', '1/2 cup chopped (80 g)', 80, 'LD', false, 'vegetables', P],
  ['11012', 'Asparagus, cooked, boiled, drained', '6 spears (90 g)', 90, 'LD', false, 'vegetables', P],
  [
    '11162',
    'Collards, cooked, boiled, drained, without salt',
    '1 cup chopped (190 g)',
    190,
    'LD',
    false,
    'vegetables',
    P,
  ],
  ['11117', 'Cabbage, chinese (pak-choi), cooked', '1 cup shredded (170 g)', 170, 'LD', false, 'vegetables', P],
  ['11210', 'Eggplant, cooked, boiled, drained, without salt', '1 cup cubes (99 g)', 99, 'LD', false, 'vegetables', P],
  ['11279', 'Okra, cooked, boiled, drained, without salt', '1/2 cup slices (80 g)', 80, 'LD', false, 'vegetables', P],
  [
    '11885',
    'Tomatoes, red, ripe, canned, packed in tomato juice, no salt added',
    '1/2 cup (120 g)',
    120,
    'LD',
    false,
    'vegetables',
    C,
  ],
  ['11424', 'Pumpkin, canned, without salt', '1/2 cup (123 g)', 123, 'LD', false, 'vegetables', C],
  // Fruit
  ['09040', 'Bananas, raw', '1 medium banana (118 g)', 118, 'BS', false, 'fruit', P],
  ['09003', 'Apples, raw, with skin', '1 medium apple (182 g)', 182, 'BLS', false, 'fruit', P],
  ['09200', 'Oranges, raw, all commercial varieties', '1 medium orange (131 g)', 131, 'BLS', false, 'fruit', P],
  ['09050', 'Blueberries, raw', '1 cup (148 g)', 148, 'BS', false, 'fruit', P],
  ['09316', 'Strawberries, raw', '1 cup halves (152 g)', 152, 'BS', false, 'fruit', P],
  ['09132', 'Grapes, red or green', '1 cup (151 g)', 151, 'S', false, 'fruit', P],
  ['09252', 'Pears, raw', '1 medium pear (178 g)', 178, 'LS', false, 'fruit', P],
  ['09148', 'Kiwifruit, green, raw', '1 kiwifruit (69 g)', 69, 'BS', false, 'fruit', P],
  ['09176', 'Mangos, raw', '1 cup pieces (165 g)', 165, 'BS', false, 'fruit', P],
  ['09298', 'Raisins, seedless', '1 small box (43 g)', 43, 'BS', false, 'fruit', C],
  ['09236', 'Peaches, yellow, raw', '1 medium peach (150 g)', 150, 'BS', false, 'fruit', P],
  ['09181', 'Melons, cantaloupe, raw', '1 cup cubes (160 g)', 160, 'BS', false, 'fruit', P],
  ['09032', 'Apricots, dried', '1/4 cup halves (33 g)', 33, 'BS', false, 'fruit', C],
  ['09421', 'Dates, medjool', '2 dates (48 g)', 48, 'S', false, 'fruit', C],
  ['09038', 'Avocados, raw, California', '1/2 avocado (68 g)', 68, 'BLD', false, 'fruit', P],
  ['09070', 'Cherries, sweet, raw', '1 cup without pits (154 g)', 154, 'S', false, 'fruit', P],
  ['09266', 'Pineapple, raw, all varieties', '1 cup chunks (165 g)', 165, 'BS', false, 'fruit', P],
  ['09326', 'Watermelon, raw', '1 cup diced (152 g)', 152, 'S', false, 'fruit', P],
  ['09302', 'Raspberries, raw', '1 cup (123 g)', 123, 'BS', false, 'fruit', P],
  ['09111', 'Grapefruit, raw', '1/2 medium grapefruit (128 g)', 128, 'B', false, 'fruit', P],
  ['09019', 'Applesauce, canned, unsweetened', '1/2 cup (122 g)', 122, 'S', false, 'fruit', C],
  ['09206', 'Orange juice, raw', '1 cup (248 g)', 248, 'B', false, 'drinks', P],
  [
    '09210',
    'Orange juice, chilled, includes from concentrate, with added calcium and vitamin D',
    '1 cup (249 g)',
    249,
    'B',
    false,
    'drinks',
    P,
    true,
  ],
  // Legumes and soy
  ['16015', 'Beans, black, mature seeds, cooked', '1/2 cup (86 g)', 86, 'LD', true, 'legumes', C],
  [
    '16057',
    'Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked',
    '1/2 cup (82 g)',
    82,
    'LD',
    true,
    'legumes',
    C,
  ],
  ['16070', 'Lentils, mature seeds, cooked', '1/2 cup (99 g)', 99, 'LD', true, 'legumes', C],
  ['16028', 'Beans, kidney, all types, mature seeds, cooked', '1/2 cup (89 g)', 89, 'LD', true, 'legumes', C],
  ['16043', 'Beans, pinto, mature seeds, cooked', '1/2 cup (86 g)', 86, 'LD', true, 'legumes', C],
  ['16006', 'Beans, baked, canned, plain or vegetarian', '1/2 cup (127 g)', 127, 'BL', true, 'legumes', C],
  ['11212', 'Edamame, frozen, prepared', '1/2 cup (78 g)', 78, 'LDS', false, 'legumes', F],
  ['16126', 'Tofu, firm, prepared with calcium sulfate', '1/2 cup (126 g)', 126, 'BLD', true, 'soy', D],
  ['16114', 'Tempeh', '1/2 cup (83 g)', 83, 'LD', true, 'soy', D],
  ['16147', 'Veggie burgers or soyburgers', '1 patty (70 g)', 70, 'LD', true, 'soy', F],
  ['16158', 'Hummus, commercial', '2 tbsp (30 g)', 30, 'LS', false, 'legumes', D],
  ['16139', 'Soymilk, original and vanilla, with added calcium', '1 cup (243 g)', 243, 'BS', false, 'drinks', D, true],
  [
    '16222',
    'Soymilk (all flavors), unsweetened, with added calcium',
    '1 cup (243 g)',
    243,
    'BS',
    false,
    'drinks',
    D,
    true,
  ],
  ['14091', 'Beverages, almond milk, unsweetened', '1 cup (262 g)', 262, 'BS', false, 'drinks', D, true],
  // Nuts and seeds
  ['16398', 'Peanut butter, smooth style, without salt', '1 tbsp (16 g)', 16, 'BS', false, 'nuts-seeds', C],
  ['16390', 'Peanuts, all types, dry-roasted, without salt', '1 oz (28 g)', 28, 'S', false, 'nuts-seeds', C],
  ['12061', 'Nuts, almonds', '1 oz, about 23 almonds (28 g)', 28, 'BS', false, 'nuts-seeds', C],
  ['12155', 'Nuts, walnuts, english', '1 oz, 7 walnuts (28 g)', 28, 'BS', false, 'nuts-seeds', C],
  ['12085', 'Nuts, cashew nuts, dry roasted, without salt', '1 oz (28 g)', 28, 'S', false, 'nuts-seeds', C],
  [
    '12152',
    'Nuts, pistachio nuts, dry roasted, without salt',
    '1 oz, 49 kernels (28 g)',
    28,
    'S',
    false,
    'nuts-seeds',
    C,
  ],
  ['12078', 'Nuts, brazilnuts, dried', '2 nuts (10 g)', 10, 'S', false, 'nuts-seeds', C],
  [
    '12037',
    'Seeds, sunflower seed kernels, dry roasted, without salt',
    '2 tbsp (16 g)',
    16,
    'BLS',
    false,
    'nuts-seeds',
    C,
  ],
  ['12006', 'Seeds, chia seeds, dried', '1 tbsp (12 g)', 12, 'B', false, 'nuts-seeds', C],
  ['12220', 'Seeds, flaxseed', '1 tbsp ground (7 g)', 7, 'B', false, 'nuts-seeds', C],
  [
    '12016',
    'Seeds, pumpkin and squash seed kernels, roasted, without salt',
    '2 tbsp (16 g)',
    16,
    'BLS',
    false,
    'nuts-seeds',
    C,
  ],
  ['12166', 'Seeds, sesame butter, tahini', '1 tbsp (15 g)', 15, 'LD', false, 'nuts-seeds', C],
  // Dairy and eggs
  [
    '01079',
    'Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D',
    '1 cup (244 g)',
    244,
    'BS',
    false,
    'dairy',
    D,
    true,
  ],
  [
    '01082',
    'Milk, lowfat, fluid, 1% milkfat, with added vitamin A and vitamin D',
    '1 cup (244 g)',
    244,
    'BS',
    false,
    'dairy',
    D,
    true,
  ],
  [
    '01085',
    'Milk, nonfat, fluid, with added vitamin A and vitamin D',
    '1 cup (245 g)',
    245,
    'BS',
    false,
    'dairy',
    D,
    true,
  ],
  ['01256', 'Yogurt, Greek, plain, nonfat', '1 container (170 g)', 170, 'BS', false, 'dairy', D],
  ['01117', 'Yogurt, plain, low fat', '1 cup (245 g)', 245, 'BS', false, 'dairy', D],
  ['01116', 'Yogurt, plain, whole milk', '1/2 cup (123 g)', 123, 'BS', false, 'dairy', D],
  ['01009', 'Cheese, cheddar', '1 oz (28 g)', 28, 'LS', false, 'dairy', D],
  ['01028', 'Cheese, mozzarella, part skim milk', '1 oz (28 g)', 28, 'LD', false, 'dairy', D],
  ['01016', 'Cheese, cottage, lowfat, 1% milkfat', '1/2 cup (113 g)', 113, 'BS', false, 'dairy', D],
  ['01019', 'Cheese, feta', '1 oz (28 g)', 28, 'LD', false, 'dairy', D],
  ['01032', 'Cheese, parmesan, grated', '1 tbsp (5 g)', 5, 'LD', false, 'dairy', D],
  ['01037', 'Cheese, ricotta, part skim milk', '1/2 cup (124 g)', 124, 'BL', false, 'dairy', D],
  ['01040', 'Cheese, swiss', '1 oz (28 g)', 28, 'L', false, 'dairy', D],
  ['01129', 'Egg, whole, cooked, hard-boiled', '1 large egg (50 g)', 50, 'BLS', false, 'eggs', D],
  ['01132', 'Egg, whole, cooked, scrambled', '2 eggs scrambled (122 g)', 122, 'B', true, 'eggs', D],
  // Poultry, meat, fish
  [
    '05064',
    'Chicken, broilers or fryers, breast, meat only, cooked, roasted',
    '3 oz (85 g)',
    85,
    'LD',
    true,
    'poultry',
    M,
  ],
  [
    '05098',
    'Chicken, broilers or fryers, thigh, meat only, cooked, roasted',
    '1 thigh (116 g)',
    116,
    'LD',
    true,
    'poultry',
    M,
  ],
  ['05711', 'Turkey, retail parts, breast, meat only, cooked, roasted', '3 oz (85 g)', 85, 'LD', true, 'poultry', M],
  [
    '23563',
    'Beef, ground, 90% lean meat / 10% fat, patty, cooked, broiled',
    '1 patty (82 g)',
    82,
    'LD',
    true,
    'meat',
    M,
  ],
  ['23610', 'Beef, top sirloin, steak, separable lean only', '3 oz (85 g)', 85, 'D', true, 'meat', M],
  [
    '10061',
    'Pork, fresh, loin, tenderloin, separable lean only, cooked, roasted',
    '3 oz (85 g)',
    85,
    'D',
    true,
    'meat',
    M,
  ],
  [
    '17002',
    'Lamb, domestic, composite of trimmed retail cuts, separable lean and fat, trimmed to 1/4" fat, choice, cooked',
    '3 oz (85 g)',
    85,
    'D',
    true,
    'meat',
    M,
  ],
  ['15237', 'Fish, salmon, Atlantic, farmed, cooked, dry heat', '3 oz (85 g)', 85, 'LD', true, 'fish', M],
  ['15121', 'Fish, tuna, light, canned in water, drained solids', '1/2 can (83 g)', 83, 'L', true, 'fish', C],
  ['15016', 'Fish, cod, Atlantic, cooked, dry heat', '3 oz (85 g)', 85, 'D', true, 'fish', M],
  [
    '15088',
    'Fish, sardine, Atlantic, canned in oil, drained solids with bone',
    '1 small can (92 g)',
    92,
    'L',
    true,
    'fish',
    C,
  ],
  ['15241', 'Fish, trout, rainbow, farmed, cooked, dry heat', '1 fillet (71 g)', 71, 'D', true, 'fish', M],
  ['15262', 'Fish, tilapia, cooked, dry heat', '1 fillet (87 g)', 87, 'D', true, 'fish', M],
  ['15181', 'Fish, salmon, pink, canned, without salt', '3 oz (85 g)', 85, 'L', true, 'fish', C],
  ['15034', 'Fish, haddock, cooked, dry heat', '3 oz (85 g)', 85, 'D', true, 'fish', M],
  ['15271', 'Crustaceans, shrimp, cooked', '3 oz (85 g)', 85, 'LD', true, 'shellfish', M],
  // Fats, sweet things
  ['04053', 'Oil, olive, salad or cooking', '1 tsp (4.5 g)', 4.5, 'LD', false, 'fats', C],
  ['04582', 'Oil, canola', '1 tsp (4.5 g)', 4.5, 'LD', false, 'fats', C],
  ['01145', 'Butter, without salt', '1 tsp (5 g)', 5, 'B', false, 'fats', D],
  ['19296', 'Honey', '1 tsp (7 g)', 7, 'B', false, 'sweets', C],
  ['19297', 'Jams and preserves', '1 tbsp (20 g)', 20, 'B', false, 'sweets', C],
  ['19904', 'Chocolate, dark, 70-85% cacao solids', '2 squares (20 g)', 20, 'S', false, 'sweets', C],
];

export interface PoolEntry {
  foodId: string;
  name: string;
  mealTypes: Meal[];
  measure: { label: string; grams: number };
  main: boolean;
  foodGroup: string;
  storeSection: string;
  fortified: boolean;
  /** The SR28 food group (the allergen keyword table reads it). */
  sr28Group: string;
  /** SR28 values per 100 g, known values only (absent = not analysed). */
  per100g: Record<string, number>;
}

export function buildPool(sr28File: string): PoolEntry[] {
  const data = JSON.parse(gunzipSync(fs.readFileSync(sr28File)).toString('utf8')) as {
    nutrients: string[];
    foods: [string, string, string, (number | null)[]][];
  };
  const byNdb = new Map(data.foods.map((f) => [f[0], f]));
  const seen = new Set<string>();
  return SELECTION.map(([ndb, start, label, grams, meals, main, group, section, fortified]) => {
    const row = byNdb.get(ndb);
    if (row === undefined) throw new Error(`SR28 has no food ${ndb} (${start})`);
    const name = row[1];
    const per100g: Record<string, number> = {};
    row[3].forEach((v, i) => {
      const key = data.nutrients[i];
      if (key !== undefined && typeof v === 'number' && Number.isFinite(v)) per100g[key] = v;
    });
    if (!name.startsWith(start)) throw new Error(`SR28 ${ndb} is "${name}", not "${start}…"`);
    if (seen.has(ndb)) throw new Error(`${ndb} is selected twice`);
    seen.add(ndb);
    return {
      foodId: `usda:${ndb}`,
      name,
      mealTypes: [...meals].map((m) => {
        const meal = MEALS[m];
        if (!meal) throw new Error(`${ndb}: unknown meal type code ${m}`);
        return meal;
      }),
      measure: { label, grams },
      main,
      foodGroup: group,
      storeSection: section,
      fortified: fortified === true,
      sr28Group: row[2],
      per100g,
    };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = new URL('../', import.meta.url);
  const pool = buildPool(fileURLToPath(new URL('resources/foods/usda-sr28.json.gz', root)));
  const out = fileURLToPath(new URL('resources/plans/pool.json', root));
  // One food a line, so a change to the selection shows as a readable diff.
  const head = `{"format":"bioai-plan-pool","version":1,"source":"USDA SR28 (resources/foods/PROVENANCE.md)","foods":[\n`;
  fs.writeFileSync(out, `${head}${pool.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);
  process.stdout.write(`${pool.length} foods written to ${out}\n`);
}
