/**
 * Everyday food searches and the bundled SR28 foods (NDB number, name) a dietitian means by each: the
 * food as it is usually eaten (cooked rice, brewed coffee, roasted chicken breast, plain yoghurt),
 * under British and American names, with common plurals and misspellings. Any listed food counts as
 * a hit. Written from practice, not from the search's own output; search-quality.test.ts holds the
 * hit-rate floors and bench/foods-log.bench.ts prints the rates.
 */
export interface QualityCase {
  q: string;
  foods: [ndb: string, name: string][];
}

export const SEARCH_QUALITY_SET: QualityCase[] = [
  {
    q: 'oatmeal',
    foods: [
      [
        '08121',
        'Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), without salt',
      ],
      ['08123', 'Cereals, oats, instant, fortified, plain, prepared with water (boiling water added or microwaved)'],
      [
        '08180',
        'Cereals, oats, regular and quick and instant, unenriched, cooked with water (includes boiling and microwaving), with salt',
      ],
    ],
  },
  {
    q: 'porridge',
    foods: [
      [
        '08121',
        'Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), without salt',
      ],
      ['08123', 'Cereals, oats, instant, fortified, plain, prepared with water (boiling water added or microwaved)'],
      [
        '08180',
        'Cereals, oats, regular and quick and instant, unenriched, cooked with water (includes boiling and microwaving), with salt',
      ],
    ],
  },
  {
    q: 'oats',
    foods: [
      ['08120', 'Cereals, oats, regular and quick, not fortified, dry'],
      [
        '08121',
        'Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), without salt',
      ],
    ],
  },
  {
    q: 'rolled oats',
    foods: [['08120', 'Cereals, oats, regular and quick, not fortified, dry']],
  },
  {
    q: 'soy milk',
    foods: [
      ['16120', 'Soymilk, original and vanilla, unfortified'],
      ['16139', 'Soymilk, original and vanilla, with added calcium, vitamins A and D'],
      ['16225', 'Soymilk, original and vanilla, light, with added calcium, vitamins A and D'],
      ['16228', 'Soymilk, original and vanilla, light, unsweetened, with added calcium, vitamins A and D'],
    ],
  },
  {
    q: 'soya milk',
    foods: [
      ['16120', 'Soymilk, original and vanilla, unfortified'],
      ['16139', 'Soymilk, original and vanilla, with added calcium, vitamins A and D'],
      ['16225', 'Soymilk, original and vanilla, light, with added calcium, vitamins A and D'],
      ['16228', 'Soymilk, original and vanilla, light, unsweetened, with added calcium, vitamins A and D'],
    ],
  },
  {
    q: 'almond milk',
    foods: [['14091', 'Beverages, almond milk, unsweetened, shelf stable']],
  },
  {
    q: 'rice milk',
    foods: [['14639', 'Beverages, rice milk, unsweetened']],
  },
  {
    q: 'brown rice',
    foods: [
      ['20037', 'Rice, brown, long-grain, cooked'],
      ['20041', 'Rice, brown, medium-grain, cooked'],
    ],
  },
  {
    q: 'white rice',
    foods: [
      ['20045', 'Rice, white, long-grain, regular, enriched, cooked'],
      ['20051', 'Rice, white, medium-grain, enriched, cooked'],
      ['20053', 'Rice, white, short-grain, enriched, cooked'],
      ['20345', 'Rice, white, long-grain, regular, cooked, enriched, with salt'],
      ['20451', 'Rice, white, medium-grain, cooked, unenriched'],
      ['20453', 'Rice, white, short-grain, cooked, unenriched'],
      ['20545', 'Rice, white, long-grain, regular, cooked, unenriched, with salt'],
    ],
  },
  {
    q: 'rice',
    foods: [
      ['20045', 'Rice, white, long-grain, regular, enriched, cooked'],
      ['20051', 'Rice, white, medium-grain, enriched, cooked'],
      ['20053', 'Rice, white, short-grain, enriched, cooked'],
      ['20345', 'Rice, white, long-grain, regular, cooked, enriched, with salt'],
      ['20451', 'Rice, white, medium-grain, cooked, unenriched'],
      ['20453', 'Rice, white, short-grain, cooked, unenriched'],
      ['20545', 'Rice, white, long-grain, regular, cooked, unenriched, with salt'],
    ],
  },
  {
    q: 'basmati rice',
    foods: [
      ['20045', 'Rice, white, long-grain, regular, enriched, cooked'],
      ['20345', 'Rice, white, long-grain, regular, cooked, enriched, with salt'],
      ['20545', 'Rice, white, long-grain, regular, cooked, unenriched, with salt'],
    ],
  },
  {
    q: 'pasta',
    foods: [['20121', 'Pasta, cooked, enriched, without added salt']],
  },
  {
    q: 'spaghetti',
    foods: [['20121', 'Pasta, cooked, enriched, without added salt']],
  },
  {
    q: 'wholemeal pasta',
    foods: [['20125', 'Pasta, whole-wheat, cooked']],
  },
  {
    q: 'whole wheat pasta',
    foods: [['20125', 'Pasta, whole-wheat, cooked']],
  },
  {
    q: 'noodles',
    foods: [['20310', 'Noodles, egg, cooked, enriched, with added salt']],
  },
  {
    q: 'egg noodles',
    foods: [['20310', 'Noodles, egg, cooked, enriched, with added salt']],
  },
  {
    q: 'couscous',
    foods: [['20029', 'Couscous, cooked']],
  },
  {
    q: 'quinoa',
    foods: [['20137', 'Quinoa, cooked']],
  },
  {
    q: 'bulgur',
    foods: [['20013', 'Bulgur, cooked']],
  },
  {
    q: 'barley',
    foods: [['20006', 'Barley, pearled, cooked']],
  },
  {
    q: 'salmon',
    foods: [
      ['15082', 'Fish, salmon, coho, wild, cooked, moist heat'],
      ['15086', 'Fish, salmon, sockeye, cooked, dry heat'],
      ['15209', 'Fish, salmon, Atlantic, wild, cooked, dry heat'],
      ['15210', 'Fish, salmon, chinook, cooked, dry heat'],
      ['15212', 'Fish, salmon, pink, cooked, dry heat'],
      ['15237', 'Fish, salmon, Atlantic, farmed, cooked, dry heat'],
      ['15239', 'Fish, salmon, coho, farmed, cooked, dry heat'],
      ['15247', 'Fish, salmon, coho, wild, cooked, dry heat'],
    ],
  },
  {
    q: 'tuna',
    foods: [['15121', 'Fish, tuna, light, canned in water, drained solids']],
  },
  {
    q: 'canned tuna',
    foods: [['15121', 'Fish, tuna, light, canned in water, drained solids']],
  },
  {
    q: 'cod',
    foods: [['15016', 'Fish, cod, Atlantic, cooked, dry heat']],
  },
  {
    q: 'haddock',
    foods: [['15034', 'Fish, haddock, cooked, dry heat']],
  },
  {
    q: 'prawns',
    foods: [
      ['15150', 'Crustaceans, shrimp, mixed species, cooked, breaded and fried'],
      ['15151', 'Crustaceans, shrimp, mixed species, cooked, moist heat (may have been previously frozen)'],
      ['15271', 'Crustaceans, shrimp, cooked (not previously frozen)'],
    ],
  },
  {
    q: 'shrimp',
    foods: [
      ['15150', 'Crustaceans, shrimp, mixed species, cooked, breaded and fried'],
      ['15151', 'Crustaceans, shrimp, mixed species, cooked, moist heat (may have been previously frozen)'],
      ['15271', 'Crustaceans, shrimp, cooked (not previously frozen)'],
    ],
  },
  {
    q: 'sardines',
    foods: [['15088', 'Fish, sardine, Atlantic, canned in oil, drained solids with bone']],
  },
  {
    q: 'mackerel',
    foods: [['15047', 'Fish, mackerel, Atlantic, cooked, dry heat']],
  },
  {
    q: 'tilapia',
    foods: [['15262', 'Fish, tilapia, cooked, dry heat']],
  },
  {
    q: 'chicken breast',
    foods: [['05064', 'Chicken, broilers or fryers, breast, meat only, cooked, roasted']],
  },
  {
    q: 'chicken',
    foods: [
      ['05009', 'Chicken, broilers or fryers, meat and skin, cooked, roasted'],
      ['05013', 'Chicken, broilers or fryers, meat only, roasted'],
      ['05064', 'Chicken, broilers or fryers, breast, meat only, cooked, roasted'],
    ],
  },
  {
    q: 'chicken thigh',
    foods: [['05098', 'Chicken, broilers or fryers, thigh, meat only, cooked, roasted']],
  },
  {
    q: 'roast chicken',
    foods: [
      ['05009', 'Chicken, broilers or fryers, meat and skin, cooked, roasted'],
      ['05013', 'Chicken, broilers or fryers, meat only, roasted'],
      ['05064', 'Chicken, broilers or fryers, breast, meat only, cooked, roasted'],
    ],
  },
  {
    q: 'turkey',
    foods: [
      ['05186', 'Turkey, all classes, light meat, cooked, roasted'],
      ['05220', 'Turkey, breast, from whole bird, meat only, roasted'],
    ],
  },
  {
    q: 'turkey breast',
    foods: [
      ['05192', 'Turkey, all classes, breast, meat and skin, cooked, roasted'],
      ['05220', 'Turkey, breast, from whole bird, meat only, roasted'],
      ['05711', 'Turkey, retail parts, breast, meat only, cooked, roasted'],
    ],
  },
  {
    q: 'mince',
    foods: [
      ['13494', 'Beef, ground, 70% lean meat / 30% fat, crumbles, cooked, pan-browned'],
      ['23476', 'Beef, ground, 93% lean meat / 7% fat, crumbles, cooked, pan-browned'],
      ['23481', 'Beef, ground, 97% lean meat / 3% fat, crumbles, cooked, pan-browned'],
      ['23560', 'Beef, ground, 95% lean meat / 5% fat, crumbles, cooked, pan-browned'],
      ['23565', 'Beef, ground, 90% lean meat / 10% fat, crumbles, cooked, pan-browned'],
      ['23570', 'Beef, ground, 85% lean meat / 15% fat, crumbles, cooked, pan-browned'],
      ['23575', 'Beef, ground, 80% lean meat / 20% fat, crumbles, cooked, pan-browned'],
      ['23580', 'Beef, ground, 75% lean meat / 25% fat, crumbles, cooked, pan-browned'],
    ],
  },
  {
    q: 'minced beef',
    foods: [
      ['13494', 'Beef, ground, 70% lean meat / 30% fat, crumbles, cooked, pan-browned'],
      ['23476', 'Beef, ground, 93% lean meat / 7% fat, crumbles, cooked, pan-browned'],
      ['23481', 'Beef, ground, 97% lean meat / 3% fat, crumbles, cooked, pan-browned'],
      ['23560', 'Beef, ground, 95% lean meat / 5% fat, crumbles, cooked, pan-browned'],
      ['23565', 'Beef, ground, 90% lean meat / 10% fat, crumbles, cooked, pan-browned'],
      ['23570', 'Beef, ground, 85% lean meat / 15% fat, crumbles, cooked, pan-browned'],
      ['23575', 'Beef, ground, 80% lean meat / 20% fat, crumbles, cooked, pan-browned'],
      ['23580', 'Beef, ground, 75% lean meat / 25% fat, crumbles, cooked, pan-browned'],
    ],
  },
  {
    q: 'ground beef',
    foods: [
      ['13494', 'Beef, ground, 70% lean meat / 30% fat, crumbles, cooked, pan-browned'],
      ['23476', 'Beef, ground, 93% lean meat / 7% fat, crumbles, cooked, pan-browned'],
      ['23481', 'Beef, ground, 97% lean meat / 3% fat, crumbles, cooked, pan-browned'],
      ['23560', 'Beef, ground, 95% lean meat / 5% fat, crumbles, cooked, pan-browned'],
      ['23565', 'Beef, ground, 90% lean meat / 10% fat, crumbles, cooked, pan-browned'],
      ['23570', 'Beef, ground, 85% lean meat / 15% fat, crumbles, cooked, pan-browned'],
      ['23575', 'Beef, ground, 80% lean meat / 20% fat, crumbles, cooked, pan-browned'],
      ['23580', 'Beef, ground, 75% lean meat / 25% fat, crumbles, cooked, pan-browned'],
    ],
  },
  {
    q: 'beef mince',
    foods: [
      ['13494', 'Beef, ground, 70% lean meat / 30% fat, crumbles, cooked, pan-browned'],
      ['23476', 'Beef, ground, 93% lean meat / 7% fat, crumbles, cooked, pan-browned'],
      ['23481', 'Beef, ground, 97% lean meat / 3% fat, crumbles, cooked, pan-browned'],
      ['23560', 'Beef, ground, 95% lean meat / 5% fat, crumbles, cooked, pan-browned'],
      ['23565', 'Beef, ground, 90% lean meat / 10% fat, crumbles, cooked, pan-browned'],
      ['23570', 'Beef, ground, 85% lean meat / 15% fat, crumbles, cooked, pan-browned'],
      ['23575', 'Beef, ground, 80% lean meat / 20% fat, crumbles, cooked, pan-browned'],
      ['23580', 'Beef, ground, 75% lean meat / 25% fat, crumbles, cooked, pan-browned'],
    ],
  },
  {
    q: 'steak',
    foods: [
      [
        '13236',
        'Beef, short loin, t-bone steak, bone-in, separable lean only, trimmed to 1/8" fat, choice, cooked, grilled',
      ],
      [
        '13439',
        'Beef, loin, tenderloin steak, boneless, separable lean and fat, trimmed to 0" fat, all grades, cooked, grilled',
      ],
      [
        '13440',
        'Beef, loin, tenderloin steak, boneless, separable lean and fat, trimmed to 0" fat, choice, cooked, grilled',
      ],
      [
        '13442',
        'Beef, loin, tenderloin steak, boneless, separable lean only, trimmed to 0" fat, all grades, cooked, grilled',
      ],
      [
        '13443',
        'Beef, loin, tenderloin steak, boneless, separable lean only, trimmed to 0" fat, choice, cooked, grilled',
      ],
      ['13451', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 0" fat, all grades, cooked, broiled'],
      ['13452', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 0" fat, choice, cooked, broiled'],
      ['13454', 'Beef, top sirloin, steak, separable lean only, trimmed to 0" fat, all grades, cooked, broiled'],
      ['13455', 'Beef, top sirloin, steak, separable lean only, trimmed to 0" fat, choice, cooked, broiled'],
      [
        '13473',
        'Beef, short loin, t-bone steak, separable lean and fat, trimmed to 0" fat, all grades, cooked, broiled',
      ],
      [
        '13474',
        'Beef, short loin, t-bone steak, separable lean and fat, trimmed to 0" fat, USDA choice, cooked, broiled',
      ],
      [
        '13479',
        'Beef, short loin, t-bone steak, bone-in, separable lean only, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      ['13481', 'Beef, short loin, t-bone steak, separable lean only, trimmed to 0" fat, choice, cooked, broiled'],
      ['13908', 'Beef, short loin, t-bone steak, separable lean and fat, trimmed to 1/8" fat, choice, cooked, grilled'],
      ['13930', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, all grades, cooked, broiled'],
      ['13932', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, choice, cooked, broiled'],
      [
        '23006',
        'Beef, short loin, t-bone steak, separable lean and fat, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      [
        '23100',
        'Beef, rib eye steak, boneless, lip-on, separable lean only, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      [
        '23148',
        'Beef, rib eye steak, boneless, lip-on, separable lean only, trimmed to 1/8" fat, choice, cooked, grilled',
      ],
      [
        '23156',
        'Beef, rib eye steak, bone-in, lip-on, separable lean only, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      [
        '23157',
        'Beef, rib eye steak, bone-in, lip-on, separable lean only, trimmed to 1/8" fat, choice, cooked, grilled',
      ],
      [
        '23174',
        'Beef, rib eye steak, boneless, lip off, separable lean only, trimmed to 0" fat, all grades, cooked, grilled',
      ],
      [
        '23176',
        'Beef, rib eye steak, boneless, lip off, separable lean only, trimmed to 0" fat, choice, cooked, grilled',
      ],
      [
        '23186',
        'Beef, rib eye steak, bone-in, lip-on, separable lean and fat, trimmed to 1/8" fat, choice, cooked, grilled',
      ],
      [
        '23188',
        'Beef, rib eye steak, bone-in, lip-on, separable lean and fat, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      [
        '23195',
        'Beef, rib eye steak, boneless, lip-on, separable lean and fat, trimmed to 1/8" fat, choice, cooked, grilled',
      ],
      [
        '23197',
        'Beef, rib eye steak, boneless, lip-on, separable lean and fat, trimmed to 1/8" fat, all grades, cooked, grilled',
      ],
      [
        '23227',
        'Beef, rib eye steak, boneless, lip off, separable lean and fat, trimmed to 0" fat, all grades, cooked, grilled',
      ],
      [
        '23228',
        'Beef, rib eye steak, boneless, lip off, separable lean and fat, trimmed to 0" fat, choice, cooked, grilled',
      ],
      ['23610', 'Beef, top sirloin, steak, separable lean only, trimmed to 1/8" fat, all grades, cooked, broiled'],
      ['23629', 'Beef, top sirloin, steak, separable lean only, trimmed to 1/8" fat, choice, cooked, broiled'],
    ],
  },
  {
    q: 'pork chop',
    foods: [
      ['10037', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean and fat, cooked, braised'],
      ['10038', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean and fat, cooked, broiled'],
      ['10041', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean only, cooked, braised'],
      ['10042', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean only, cooked, broiled'],
      ['10045', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean and fat, cooked, braised'],
      ['10046', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean and fat, cooked, broiled'],
      ['10049', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean only, cooked, braised'],
      ['10050', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean only, cooked, broiled'],
      ['10163', 'Pork, fresh, loin, center loin (chops), boneless, separable lean only, cooked, pan-broiled'],
      ['10176', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean only, cooked, pan-fried'],
      ['10177', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean only, cooked, pan-fried'],
      ['10179', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean and fat, cooked, pan-fried'],
      ['10180', 'Pork, fresh, loin, center rib (chops), bone-in, separable lean and fat, cooked, pan-fried'],
      ['10189', 'Pork, fresh, loin, center loin (chops), boneless, separable lean and fat, cooked, pan-broiled'],
      ['10195', 'Pork, fresh, loin, center rib (chops), boneless, separable lean and fat, cooked, braised'],
      ['10196', 'Pork, fresh, loin, center rib (chops), boneless, separable lean and fat, cooked, broiled'],
      ['10197', 'Pork, fresh, loin, center rib (chops), boneless, separable lean and fat, cooked, pan-fried'],
      ['10200', 'Pork, fresh, loin, center rib (chops), boneless, separable lean only, cooked, braised'],
      ['10201', 'Pork, fresh, loin, center rib (chops), boneless, separable lean only, cooked, broiled'],
      ['10202', 'Pork, fresh, loin, center rib (chops), boneless, separable lean only, cooked, pan-fried'],
    ],
  },
  {
    q: 'bacon',
    foods: [
      ['10123', 'Pork, cured, bacon, unprepared'],
      ['10860', 'Pork, cured, bacon, cooked, baked'],
      ['10861', 'Pork, cured, bacon, cooked, microwaved'],
      ['43378', 'Pork, cured, bacon, cooked, broiled, pan-fried or roasted, reduced sodium'],
    ],
  },
  {
    q: 'ham',
    foods: [
      ['07028', 'Ham, sliced, packaged (96% fat free, water added)'],
      ['07029', 'Ham, sliced, regular (approximately 11% fat)'],
    ],
  },
  {
    q: 'sausage',
    foods: [
      ['07064', 'Pork sausage, link/patty, cooked, pan-fried'],
      ['07075', 'Sausage, smoked link sausage, pork and beef'],
      ['07089', 'Sausage, Italian, pork, cooked'],
      ['07917', 'Sausage, pork and beef, with cheddar cheese, smoked'],
    ],
  },
  {
    q: 'lamb',
    foods: [
      [
        '17012',
        'Lamb, domestic, leg, whole (shank and sirloin), separable lean and fat, trimmed to 1/4" fat, choice, cooked, roasted',
      ],
      [
        '17014',
        'Lamb, domestic, leg, whole (shank and sirloin), separable lean only, trimmed to 1/4" fat, choice, cooked, roasted',
      ],
      [
        '17231',
        'Lamb, domestic, leg, whole (shank and sirloin), separable lean and fat, trimmed to 1/8" fat, choice, cooked, roasted',
      ],
    ],
  },
  {
    q: 'eggs',
    foods: [
      ['01123', 'Egg, whole, raw, fresh'],
      ['01128', 'Egg, whole, cooked, fried'],
      ['01129', 'Egg, whole, cooked, hard-boiled'],
      ['01130', 'Egg, whole, cooked, omelet'],
      ['01131', 'Egg, whole, cooked, poached'],
      ['01132', 'Egg, whole, cooked, scrambled'],
    ],
  },
  {
    q: 'egg',
    foods: [
      ['01123', 'Egg, whole, raw, fresh'],
      ['01128', 'Egg, whole, cooked, fried'],
      ['01129', 'Egg, whole, cooked, hard-boiled'],
      ['01130', 'Egg, whole, cooked, omelet'],
      ['01131', 'Egg, whole, cooked, poached'],
      ['01132', 'Egg, whole, cooked, scrambled'],
    ],
  },
  {
    q: 'boiled egg',
    foods: [['01129', 'Egg, whole, cooked, hard-boiled']],
  },
  {
    q: 'hard boiled egg',
    foods: [['01129', 'Egg, whole, cooked, hard-boiled']],
  },
  {
    q: 'scrambled eggs',
    foods: [['01132', 'Egg, whole, cooked, scrambled']],
  },
  {
    q: 'fried egg',
    foods: [['01128', 'Egg, whole, cooked, fried']],
  },
  {
    q: 'poached egg',
    foods: [['01131', 'Egg, whole, cooked, poached']],
  },
  {
    q: 'omelette',
    foods: [['01130', 'Egg, whole, cooked, omelet']],
  },
  {
    q: 'omelet',
    foods: [['01130', 'Egg, whole, cooked, omelet']],
  },
  {
    q: 'egg white',
    foods: [['01124', 'Egg, white, raw, fresh']],
  },
  {
    q: 'lentils',
    foods: [['16070', 'Lentils, mature seeds, cooked, boiled, without salt']],
  },
  {
    q: 'red lentils',
    foods: [
      ['16070', 'Lentils, mature seeds, cooked, boiled, without salt'],
      ['16144', 'Lentils, pink or red, raw'],
    ],
  },
  {
    q: 'chickpeas',
    foods: [
      ['16057', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked, boiled, without salt'],
      ['16058', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, solids and liquids'],
      ['16358', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained solids'],
      ['16359', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained, rinsed in tap water'],
      ['16360', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, solids and liquids, low sodium'],
    ],
  },
  {
    q: 'garbanzo beans',
    foods: [
      ['16057', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked, boiled, without salt'],
      ['16058', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, solids and liquids'],
      ['16358', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained solids'],
      ['16359', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, drained, rinsed in tap water'],
      ['16360', 'Chickpeas (garbanzo beans, bengal gram), mature seeds, canned, solids and liquids, low sodium'],
    ],
  },
  {
    q: 'black beans',
    foods: [
      ['16015', 'Beans, black, mature seeds, cooked, boiled, without salt'],
      ['16316', 'Beans, black, mature seeds, canned, low sodium'],
    ],
  },
  {
    q: 'kidney beans',
    foods: [
      ['16028', 'Beans, kidney, all types, mature seeds, cooked, boiled, without salt'],
      ['16029', 'Beans, kidney, all types, mature seeds, canned'],
      ['16033', 'Beans, kidney, red, mature seeds, cooked, boiled, without salt'],
      ['16034', 'Beans, kidney, red, mature seeds, canned, solids and liquids'],
      ['16145', 'Beans, kidney, red, mature seeds, canned, drained solids'],
      ['16335', 'Beans, kidney, red, mature seeds, canned, drained solids, rinsed in tap water'],
      ['16337', 'Beans, kidney, red, mature seeds, canned, solids and liquid, low sodium'],
    ],
  },
  {
    q: 'baked beans',
    foods: [
      ['16006', 'Beans, baked, canned, plain or vegetarian'],
      ['16009', 'Beans, baked, canned, with pork'],
      ['16010', 'Beans, baked, canned, with pork and sweet sauce'],
      ['16011', 'Beans, baked, canned, with pork and tomato sauce'],
    ],
  },
  {
    q: 'hummus',
    foods: [['16158', 'Hummus, commercial']],
  },
  {
    q: 'houmous',
    foods: [['16158', 'Hummus, commercial']],
  },
  {
    q: 'tofu',
    foods: [
      ['16126', 'Tofu, firm, prepared with calcium sulfate and magnesium chloride (nigari)'],
      ['16426', 'Tofu, raw, firm, prepared with calcium sulfate'],
      ['16427', 'Tofu, raw, regular, prepared with calcium sulfate'],
    ],
  },
  {
    q: 'edamame',
    foods: [
      ['11211', 'Edamame, frozen, unprepared'],
      ['11212', 'Edamame, frozen, prepared'],
    ],
  },
  {
    q: 'peanut butter',
    foods: [
      ['16098', 'Peanut butter, smooth style, with salt'],
      ['16398', 'Peanut butter, smooth style, without salt'],
    ],
  },
  {
    q: 'almonds',
    foods: [['12061', 'Nuts, almonds']],
  },
  {
    q: 'walnuts',
    foods: [['12155', 'Nuts, walnuts, english']],
  },
  {
    q: 'peanuts',
    foods: [
      ['16087', 'Peanuts, all types, raw'],
      ['16390', 'Peanuts, all types, dry-roasted, without salt'],
    ],
  },
  {
    q: 'cashews',
    foods: [
      ['12085', 'Nuts, cashew nuts, dry roasted, without salt added'],
      ['12087', 'Nuts, cashew nuts, raw'],
    ],
  },
  {
    q: 'mixed nuts',
    foods: [['12135', 'Nuts, mixed nuts, dry roasted, with peanuts, without salt added']],
  },
  {
    q: 'sunflower seeds',
    foods: [
      ['12036', 'Seeds, sunflower seed kernels, dried'],
      ['12037', 'Seeds, sunflower seed kernels, dry roasted, without salt'],
    ],
  },
  {
    q: 'chia seeds',
    foods: [['12006', 'Seeds, chia seeds, dried']],
  },
  {
    q: 'flaxseed',
    foods: [['12220', 'Seeds, flaxseed']],
  },
  {
    q: 'linseed',
    foods: [['12220', 'Seeds, flaxseed']],
  },
  {
    q: 'coffee',
    foods: [['14209', 'Beverages, coffee, brewed, prepared with tap water']],
  },
  {
    q: 'black coffee',
    foods: [['14209', 'Beverages, coffee, brewed, prepared with tap water']],
  },
  {
    q: 'decaf coffee',
    foods: [['14201', 'Beverages, coffee, brewed, prepared with tap water, decaffeinated']],
  },
  {
    q: 'espresso',
    foods: [['14210', 'Beverages, coffee, brewed, espresso, restaurant-prepared']],
  },
  {
    q: 'tea',
    foods: [['14355', 'Beverages, tea, black, brewed, prepared with tap water']],
  },
  {
    q: 'black tea',
    foods: [['14355', 'Beverages, tea, black, brewed, prepared with tap water']],
  },
  {
    q: 'green tea',
    foods: [['14278', 'Beverages, tea, green, brewed, regular']],
  },
  {
    q: 'herbal tea',
    foods: [
      ['14381', 'Beverages, tea, herb, other than chamomile, brewed'],
      ['14545', 'Beverages, tea, herb, brewed, chamomile'],
    ],
  },
  {
    q: 'orange juice',
    foods: [
      ['09206', 'Orange juice, raw'],
      ['09209', 'Orange juice, chilled, includes from concentrate'],
    ],
  },
  {
    q: 'apple juice',
    foods: [['09016', 'Apple juice, canned or bottled, unsweetened, without added ascorbic acid']],
  },
  {
    q: 'cola',
    foods: [['14148', 'Beverages, carbonated, cola, regular']],
  },
  {
    q: 'coke',
    foods: [['14148', 'Beverages, carbonated, cola, regular']],
  },
  {
    q: 'diet coke',
    foods: [
      ['14146', 'Beverages, carbonated, low calorie, cola or pepper-type, with aspartame, without caffeine'],
      ['14416', 'Beverages, carbonated, low calorie, cola or pepper-type, with aspartame, contains caffeine'],
    ],
  },
  {
    q: 'beer',
    foods: [['14003', 'Alcoholic beverage, beer, regular, all']],
  },
  {
    q: 'wine',
    foods: [
      ['14084', 'Alcoholic beverage, wine, table, all'],
      ['14096', 'Alcoholic beverage, wine, table, red'],
      ['14106', 'Alcoholic beverage, wine, table, white'],
    ],
  },
  {
    q: 'red wine',
    foods: [['14096', 'Alcoholic beverage, wine, table, red']],
  },
  {
    q: 'white wine',
    foods: [['14106', 'Alcoholic beverage, wine, table, white']],
  },
  {
    q: 'water',
    foods: [['14411', 'Beverages, water, tap, drinking']],
  },
  {
    q: 'hot chocolate',
    foods: [
      ['01105', 'Milk, chocolate beverage, hot cocoa, homemade'],
      ['14194', 'Beverages, Cocoa mix, powder, prepared with water'],
      ['14390', 'Beverages, cocoa mix, with aspartame, powder, prepared with water'],
    ],
  },
  {
    q: 'milk',
    foods: [
      ['01077', 'Milk, whole, 3.25% milkfat, with added vitamin D'],
      ['01079', 'Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D'],
      ['01082', 'Milk, lowfat, fluid, 1% milkfat, with added vitamin A and vitamin D'],
    ],
  },
  {
    q: 'whole milk',
    foods: [['01077', 'Milk, whole, 3.25% milkfat, with added vitamin D']],
  },
  {
    q: 'full fat milk',
    foods: [['01077', 'Milk, whole, 3.25% milkfat, with added vitamin D']],
  },
  {
    q: 'semi-skimmed milk',
    foods: [['01079', 'Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D']],
  },
  {
    q: 'semi skimmed milk',
    foods: [['01079', 'Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D']],
  },
  {
    q: '2% milk',
    foods: [['01079', 'Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D']],
  },
  {
    q: 'skimmed milk',
    foods: [['01085', 'Milk, nonfat, fluid, with added vitamin A and vitamin D (fat free or skim)']],
  },
  {
    q: 'skim milk',
    foods: [['01085', 'Milk, nonfat, fluid, with added vitamin A and vitamin D (fat free or skim)']],
  },
  {
    q: '1% milk',
    foods: [['01082', 'Milk, lowfat, fluid, 1% milkfat, with added vitamin A and vitamin D']],
  },
  {
    q: 'yogurt',
    foods: [
      ['01116', 'Yogurt, plain, whole milk, 8 grams protein per 8 ounce'],
      ['01117', 'Yogurt, plain, low fat, 12 grams protein per 8 ounce'],
    ],
  },
  {
    q: 'yoghurt',
    foods: [
      ['01116', 'Yogurt, plain, whole milk, 8 grams protein per 8 ounce'],
      ['01117', 'Yogurt, plain, low fat, 12 grams protein per 8 ounce'],
    ],
  },
  {
    q: 'plain yoghurt',
    foods: [
      ['01116', 'Yogurt, plain, whole milk, 8 grams protein per 8 ounce'],
      ['01117', 'Yogurt, plain, low fat, 12 grams protein per 8 ounce'],
    ],
  },
  {
    q: 'greek yogurt',
    foods: [
      ['01256', 'Yogurt, Greek, plain, nonfat'],
      ['01287', 'Yogurt, Greek, plain, lowfat'],
      ['01293', 'Yogurt, Greek, plain, whole milk'],
    ],
  },
  {
    q: 'greek yoghurt',
    foods: [
      ['01256', 'Yogurt, Greek, plain, nonfat'],
      ['01287', 'Yogurt, Greek, plain, lowfat'],
      ['01293', 'Yogurt, Greek, plain, whole milk'],
    ],
  },
  {
    q: 'cheese',
    foods: [['01009', 'Cheese, cheddar']],
  },
  {
    q: 'cheddar',
    foods: [['01009', 'Cheese, cheddar']],
  },
  {
    q: 'cheddar cheese',
    foods: [['01009', 'Cheese, cheddar']],
  },
  {
    q: 'mozzarella',
    foods: [['01026', 'Cheese, mozzarella, whole milk']],
  },
  {
    q: 'parmesan',
    foods: [
      ['01032', 'Cheese, parmesan, grated'],
      ['01033', 'Cheese, parmesan, hard'],
    ],
  },
  {
    q: 'cottage cheese',
    foods: [
      ['01012', 'Cheese, cottage, creamed, large or small curd'],
      ['01015', 'Cheese, cottage, lowfat, 2% milkfat'],
    ],
  },
  {
    q: 'cream cheese',
    foods: [['01017', 'Cheese, cream']],
  },
  {
    q: 'feta',
    foods: [['01019', 'Cheese, feta']],
  },
  {
    q: 'butter',
    foods: [
      ['01001', 'Butter, salted'],
      ['01145', 'Butter, without salt'],
    ],
  },
  {
    q: 'margarine',
    foods: [
      ['04610', 'Margarine, regular, 80% fat, composite, stick, with salt'],
      ['04611', 'Margarine, regular, 80% fat, composite, tub, with salt'],
      ['04612', 'Margarine-like, vegetable oil spread, 60% fat, stick, with salt'],
      ['04613', 'Margarine-like, vegetable oil spread, 60% fat, tub, with salt'],
      ['04614', 'Margarine-like, vegetable oil spread, 60% fat, stick/tub/bottle, with salt'],
      ['04691', 'Margarine, regular, 80% fat, composite, stick, with salt, with added vitamin D'],
      ['04692', 'Margarine, regular, 80% fat, composite, tub, with salt, with added vitamin D'],
      ['04693', 'Margarine-like, vegetable oil spread, 60% fat, stick, with salt, with added vitamin D'],
      ['04694', 'Margarine-like, vegetable oil spread, 60% fat, tub, with salt, with added vitamin D'],
    ],
  },
  {
    q: 'olive oil',
    foods: [['04053', 'Oil, olive, salad or cooking']],
  },
  {
    q: 'vegetable oil',
    foods: [
      ['04044', 'Oil, soybean, salad or cooking'],
      ['04582', 'Oil, canola'],
    ],
  },
  {
    q: 'rapeseed oil',
    foods: [['04582', 'Oil, canola']],
  },
  {
    q: 'canola oil',
    foods: [['04582', 'Oil, canola']],
  },
  {
    q: 'bread',
    foods: [
      ['18069', 'Bread, white, commercially prepared (includes soft bread crumbs)'],
      ['18075', 'Bread, whole-wheat, commercially prepared'],
    ],
  },
  {
    q: 'white bread',
    foods: [['18069', 'Bread, white, commercially prepared (includes soft bread crumbs)']],
  },
  {
    q: 'wholemeal bread',
    foods: [['18075', 'Bread, whole-wheat, commercially prepared']],
  },
  {
    q: 'whole wheat bread',
    foods: [['18075', 'Bread, whole-wheat, commercially prepared']],
  },
  {
    q: 'brown bread',
    foods: [
      ['18064', 'Bread, wheat'],
      ['18075', 'Bread, whole-wheat, commercially prepared'],
    ],
  },
  {
    q: 'toast',
    foods: [
      ['18070', 'Bread, white, commercially prepared, toasted'],
      ['18076', 'Bread, whole-wheat, commercially prepared, toasted'],
      ['18432', 'Bread, white, commercially prepared, toasted, low sodium no salt'],
    ],
  },
  {
    q: 'bagel',
    foods: [
      ['18001', 'Bagels, plain, enriched, with calcium propionate (includes onion, poppy, sesame)'],
      ['18002', 'Bagels, plain, enriched, with calcium propionate (includes onion, poppy, sesame), toasted'],
      ['18406', 'Bagels, plain, enriched, without calcium propionate (includes onion, poppy, sesame)'],
    ],
  },
  {
    q: 'croissant',
    foods: [['18239', 'Croissants, butter']],
  },
  {
    q: 'pitta bread',
    foods: [
      ['18041', 'Bread, pita, white, enriched'],
      ['18413', 'Bread, pita, white, unenriched'],
    ],
  },
  {
    q: 'pita',
    foods: [
      ['18041', 'Bread, pita, white, enriched'],
      ['18413', 'Bread, pita, white, unenriched'],
    ],
  },
  {
    q: 'tortilla',
    foods: [
      ['18363', 'Tortillas, ready-to-bake or -fry, corn'],
      ['18364', 'Tortillas, ready-to-bake or -fry, flour, refrigerated'],
      ['18449', 'Tortillas, ready-to-bake or -fry, corn, without added salt'],
      ['18450', 'Tortillas, ready-to-bake or -fry, flour, without added calcium'],
      ['18970', 'Tortillas, ready-to-bake or -fry, flour, shelf stable'],
    ],
  },
  {
    q: 'english muffin',
    foods: [
      ['18258', 'English muffins, plain, enriched, with ca prop (includes sourdough)'],
      ['18437', 'English muffins, plain, enriched, without calcium propionate(includes sourdough)'],
    ],
  },
  {
    q: 'cornflakes',
    foods: [
      ['08020', "Cereals ready-to-eat, KELLOGG, KELLOGG'S Corn Flakes"],
      ['08506', 'Cereals ready-to-eat, RALSTON Corn Flakes'],
    ],
  },
  {
    q: 'granola',
    foods: [['08037', 'Cereals ready-to-eat, granola, homemade']],
  },
  {
    q: 'apple',
    foods: [['09003', 'Apples, raw, with skin']],
  },
  {
    q: 'apples',
    foods: [['09003', 'Apples, raw, with skin']],
  },
  {
    q: 'banana',
    foods: [['09040', 'Bananas, raw']],
  },
  {
    q: 'bananas',
    foods: [['09040', 'Bananas, raw']],
  },
  {
    q: 'orange',
    foods: [['09200', 'Oranges, raw, all commercial varieties']],
  },
  {
    q: 'grapes',
    foods: [
      ['09131', 'Grapes, american type (slip skin), raw'],
      ['09132', 'Grapes, red or green (European type, such as Thompson seedless), raw'],
    ],
  },
  {
    q: 'strawberries',
    foods: [['09316', 'Strawberries, raw']],
  },
  {
    q: 'blueberries',
    foods: [['09050', 'Blueberries, raw']],
  },
  {
    q: 'raspberries',
    foods: [['09302', 'Raspberries, raw']],
  },
  {
    q: 'pear',
    foods: [
      ['09252', 'Pears, raw'],
      ['09412', 'Pears, raw, bartlett'],
      ['09413', 'Pears, raw, red anjou'],
      ['09414', 'Pears, raw, bosc'],
      ['09415', 'Pears, raw, green anjou'],
    ],
  },
  {
    q: 'peach',
    foods: [['09236', 'Peaches, yellow, raw']],
  },
  {
    q: 'mango',
    foods: [['09176', 'Mangos, raw']],
  },
  {
    q: 'pineapple',
    foods: [['09266', 'Pineapple, raw, all varieties']],
  },
  {
    q: 'watermelon',
    foods: [['09326', 'Watermelon, raw']],
  },
  {
    q: 'kiwi',
    foods: [['09148', 'Kiwifruit, green, raw']],
  },
  {
    q: 'avocado',
    foods: [['09037', 'Avocados, raw, all commercial varieties']],
  },
  {
    q: 'raisins',
    foods: [['09298', 'Raisins, seedless']],
  },
  {
    q: 'sultanas',
    foods: [['09298', 'Raisins, seedless']],
  },
  {
    q: 'dates',
    foods: [
      ['09087', 'Dates, deglet noor'],
      ['09421', 'Dates, medjool'],
    ],
  },
  {
    q: 'tomato',
    foods: [['11529', 'Tomatoes, red, ripe, raw, year round average']],
  },
  {
    q: 'tomatoes',
    foods: [['11529', 'Tomatoes, red, ripe, raw, year round average']],
  },
  {
    q: 'potato',
    foods: [
      ['11365', 'Potatoes, boiled, cooked in skin, flesh, without salt'],
      ['11367', 'Potatoes, boiled, cooked without skin, flesh, without salt'],
      ['11674', 'Potatoes, baked, flesh and skin, without salt'],
    ],
  },
  {
    q: 'potatoes',
    foods: [
      ['11365', 'Potatoes, boiled, cooked in skin, flesh, without salt'],
      ['11367', 'Potatoes, boiled, cooked without skin, flesh, without salt'],
      ['11674', 'Potatoes, baked, flesh and skin, without salt'],
    ],
  },
  {
    q: 'baked potato',
    foods: [['11674', 'Potatoes, baked, flesh and skin, without salt']],
  },
  {
    q: 'jacket potato',
    foods: [['11674', 'Potatoes, baked, flesh and skin, without salt']],
  },
  {
    q: 'boiled potatoes',
    foods: [
      ['11365', 'Potatoes, boiled, cooked in skin, flesh, without salt'],
      ['11367', 'Potatoes, boiled, cooked without skin, flesh, without salt'],
    ],
  },
  {
    q: 'mashed potato',
    foods: [
      ['11657', 'Potatoes, mashed, home-prepared, whole milk added'],
      ['11934', 'Potatoes, mashed, home-prepared, whole milk and butter added'],
    ],
  },
  {
    q: 'mashed potatoes',
    foods: [
      ['11657', 'Potatoes, mashed, home-prepared, whole milk added'],
      ['11934', 'Potatoes, mashed, home-prepared, whole milk and butter added'],
    ],
  },
  {
    q: 'chips',
    foods: [
      ['11360', 'Potatoes, french fried, crinkle or regular cut, salt added in processing, frozen, oven-heated'],
      ['11395', 'Potatoes, french fried, shoestring, salt added in processing, frozen, oven-heated'],
      ['11407', 'Potatoes, french fried, cottage-cut, salt not added in processing, frozen, oven-heated'],
      ['11412', 'Potatoes, french fried, steak fries, salt added in processing, frozen, oven-heated'],
      ['11841', 'Potatoes, french fried, all types, salt not added in processing, frozen, oven-heated'],
      ['19411', 'Snacks, potato chips, plain, salted'],
    ],
  },
  {
    q: 'french fries',
    foods: [
      ['11360', 'Potatoes, french fried, crinkle or regular cut, salt added in processing, frozen, oven-heated'],
      ['11395', 'Potatoes, french fried, shoestring, salt added in processing, frozen, oven-heated'],
      ['11407', 'Potatoes, french fried, cottage-cut, salt not added in processing, frozen, oven-heated'],
      ['11412', 'Potatoes, french fried, steak fries, salt added in processing, frozen, oven-heated'],
      ['11841', 'Potatoes, french fried, all types, salt not added in processing, frozen, oven-heated'],
      ['21138', 'Fast foods, potato, french fried in vegetable oil'],
    ],
  },
  {
    q: 'fries',
    foods: [
      ['11360', 'Potatoes, french fried, crinkle or regular cut, salt added in processing, frozen, oven-heated'],
      ['11395', 'Potatoes, french fried, shoestring, salt added in processing, frozen, oven-heated'],
      ['11407', 'Potatoes, french fried, cottage-cut, salt not added in processing, frozen, oven-heated'],
      ['11412', 'Potatoes, french fried, steak fries, salt added in processing, frozen, oven-heated'],
      ['11841', 'Potatoes, french fried, all types, salt not added in processing, frozen, oven-heated'],
      ['21138', 'Fast foods, potato, french fried in vegetable oil'],
    ],
  },
  {
    q: 'crisps',
    foods: [['19411', 'Snacks, potato chips, plain, salted']],
  },
  {
    q: 'potato chips',
    foods: [['19411', 'Snacks, potato chips, plain, salted']],
  },
  {
    q: 'sweet potato',
    foods: [['11508', 'Sweet potato, cooked, baked in skin, flesh, without salt']],
  },
  {
    q: 'carrot',
    foods: [
      ['11124', 'Carrots, raw'],
      ['11125', 'Carrots, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'carrots',
    foods: [
      ['11124', 'Carrots, raw'],
      ['11125', 'Carrots, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'broccoli',
    foods: [
      ['11090', 'Broccoli, raw'],
      ['11091', 'Broccoli, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'spinach',
    foods: [
      ['11457', 'Spinach, raw'],
      ['11458', 'Spinach, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'lettuce',
    foods: [
      ['11251', 'Lettuce, cos or romaine, raw'],
      ['11253', 'Lettuce, green leaf, raw'],
    ],
  },
  {
    q: 'cucumber',
    foods: [['11205', 'Cucumber, with peel, raw']],
  },
  {
    q: 'onion',
    foods: [['11282', 'Onions, raw']],
  },
  {
    q: 'peas',
    foods: [
      ['11304', 'Peas, green, raw'],
      ['11313', 'Peas, green, frozen, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'green beans',
    foods: [
      ['11052', 'Beans, snap, green, raw'],
      ['11053', 'Beans, snap, green, cooked, boiled, drained, without salt'],
      ['11061', 'Beans, snap, green, frozen, cooked, boiled, drained without salt'],
    ],
  },
  {
    q: 'sweetcorn',
    foods: [
      ['11168', 'Corn, sweet, yellow, cooked, boiled, drained, without salt'],
      ['11172', 'Corn, sweet, yellow, canned, whole kernel, drained solids'],
      ['11179', 'Corn, sweet, yellow, frozen, kernels cut off cob, boiled, drained, without salt'],
      ['11770', 'Corn, sweet, yellow, cooked, boiled, drained, with salt'],
    ],
  },
  {
    q: 'corn',
    foods: [
      ['11168', 'Corn, sweet, yellow, cooked, boiled, drained, without salt'],
      ['11172', 'Corn, sweet, yellow, canned, whole kernel, drained solids'],
      ['11179', 'Corn, sweet, yellow, frozen, kernels cut off cob, boiled, drained, without salt'],
      ['11770', 'Corn, sweet, yellow, cooked, boiled, drained, with salt'],
    ],
  },
  {
    q: 'courgette',
    foods: [
      ['11477', 'Squash, summer, zucchini, includes skin, raw'],
      ['11478', 'Squash, summer, zucchini, includes skin, cooked, boiled, drained, without salt'],
      ['11861', 'Squash, summer, zucchini, includes skin, cooked, boiled, drained, with salt'],
    ],
  },
  {
    q: 'zucchini',
    foods: [
      ['11477', 'Squash, summer, zucchini, includes skin, raw'],
      ['11478', 'Squash, summer, zucchini, includes skin, cooked, boiled, drained, without salt'],
      ['11861', 'Squash, summer, zucchini, includes skin, cooked, boiled, drained, with salt'],
    ],
  },
  {
    q: 'aubergine',
    foods: [
      ['11209', 'Eggplant, raw'],
      ['11210', 'Eggplant, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'eggplant',
    foods: [
      ['11209', 'Eggplant, raw'],
      ['11210', 'Eggplant, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'mushrooms',
    foods: [
      ['11260', 'Mushrooms, white, raw'],
      ['11261', 'Mushrooms, white, cooked, boiled, drained, without salt'],
      ['11797', 'Mushrooms, white, cooked, boiled, drained, with salt'],
    ],
  },
  {
    q: 'pepper',
    foods: [
      ['11333', 'Peppers, sweet, green, raw'],
      ['11821', 'Peppers, sweet, red, raw'],
    ],
  },
  {
    q: 'red pepper',
    foods: [['11821', 'Peppers, sweet, red, raw']],
  },
  {
    q: 'bell pepper',
    foods: [
      ['11333', 'Peppers, sweet, green, raw'],
      ['11821', 'Peppers, sweet, red, raw'],
      ['11951', 'Peppers, sweet, yellow, raw'],
    ],
  },
  {
    q: 'capsicum',
    foods: [
      ['11333', 'Peppers, sweet, green, raw'],
      ['11821', 'Peppers, sweet, red, raw'],
      ['11951', 'Peppers, sweet, yellow, raw'],
    ],
  },
  {
    q: 'cauliflower',
    foods: [
      ['11135', 'Cauliflower, raw'],
      ['11136', 'Cauliflower, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'cabbage',
    foods: [
      ['11109', 'Cabbage, raw'],
      ['11110', 'Cabbage, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'kale',
    foods: [
      ['11233', 'Kale, raw'],
      ['11234', 'Kale, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'celery',
    foods: [['11143', 'Celery, raw']],
  },
  {
    q: 'rocket',
    foods: [['11959', 'Arugula, raw']],
  },
  {
    q: 'arugula',
    foods: [['11959', 'Arugula, raw']],
  },
  {
    q: 'beetroot',
    foods: [
      ['11080', 'Beets, raw'],
      ['11081', 'Beets, cooked, boiled, drained'],
    ],
  },
  {
    q: 'coriander',
    foods: [
      ['02012', 'Spices, coriander leaf, dried'],
      ['11165', 'Coriander (cilantro) leaves, raw'],
    ],
  },
  {
    q: 'cilantro',
    foods: [['11165', 'Coriander (cilantro) leaves, raw']],
  },
  {
    q: 'garlic',
    foods: [['11215', 'Garlic, raw']],
  },
  {
    q: 'sugar',
    foods: [['19335', 'Sugars, granulated']],
  },
  {
    q: 'honey',
    foods: [['19296', 'Honey']],
  },
  {
    q: 'jam',
    foods: [['19297', 'Jams and preserves']],
  },
  {
    q: 'chocolate',
    foods: [
      ['19120', 'Candies, milk chocolate'],
      ['19904', 'Chocolate, dark, 70-85% cacao solids'],
    ],
  },
  {
    q: 'dark chocolate',
    foods: [
      ['19902', 'Chocolate, dark, 45- 59% cacao solids'],
      ['19903', 'Chocolate, dark, 60-69% cacao solids'],
      ['19904', 'Chocolate, dark, 70-85% cacao solids'],
    ],
  },
  {
    q: 'ice cream',
    foods: [['19095', 'Ice creams, vanilla']],
  },
  {
    q: 'biscuits',
    foods: [
      ['18155', 'Cookies, butter, commercially prepared, enriched'],
      ['18158', 'Cookies, chocolate chip, commercially prepared, regular, lower fat'],
      ['18159', 'Cookies, chocolate chip, commercially prepared, regular, higher fat, enriched'],
      ['18178', 'Cookies, oatmeal, commercially prepared, regular'],
      ['18192', 'Cookies, shortbread, commercially prepared, plain'],
      ['18422', 'Cookies, chocolate chip, commercially prepared, regular, higher fat, unenriched'],
    ],
  },
  {
    q: 'cookies',
    foods: [
      ['18155', 'Cookies, butter, commercially prepared, enriched'],
      ['18158', 'Cookies, chocolate chip, commercially prepared, regular, lower fat'],
      ['18159', 'Cookies, chocolate chip, commercially prepared, regular, higher fat, enriched'],
      ['18160', 'Cookies, chocolate chip, commercially prepared, soft-type'],
      ['18164', 'Cookies, chocolate chip, refrigerated dough, baked'],
      ['18198', 'Cookies, chocolate chip, commercially prepared, special dietary'],
      ['18421', 'Cookies, butter, commercially prepared, unenriched'],
      ['18422', 'Cookies, chocolate chip, commercially prepared, regular, higher fat, unenriched'],
    ],
  },
  {
    q: 'cake',
    foods: [
      ['18101', 'Cake, chocolate, prepared from recipe without frosting'],
      ['18120', 'Cake, pound, commercially prepared, butter (includes fresh and frozen)'],
      ['18121', 'Cake, pound, commercially prepared, other than all butter, enriched'],
      ['18139', 'Cake, white, prepared from recipe without frosting'],
      ['18146', 'Cake, yellow, prepared from recipe without frosting'],
      ['18418', 'Cake, pound, commercially prepared, other than all butter, unenriched'],
      ['18451', 'Cake, pound, commercially prepared, fat-free'],
    ],
  },
  {
    q: 'pizza',
    foods: [
      ['21224', 'Pizza, cheese topping, regular crust, frozen, cooked'],
      ['21505', 'Pizza, cheese topping, thin crust, frozen, cooked'],
    ],
  },
  {
    q: 'popcorn',
    foods: [
      ['19034', 'Snacks, popcorn, air-popped'],
      ['19035', 'Snacks, popcorn, oil-popped, microwave, regular flavor, no trans fat'],
      ['19806', 'Snacks, popcorn, air-popped (Unsalted)'],
      ['19807', 'Snacks, popcorn, oil-popped, white popcorn, salt added'],
    ],
  },
  {
    q: 'ketchup',
    foods: [['11935', 'Catsup']],
  },
  {
    q: 'tomato ketchup',
    foods: [['11935', 'Catsup']],
  },
  {
    q: 'mayonnaise',
    foods: [
      ['04018', 'Salad dressing, mayonnaise type, regular, with salt'],
      ['04025', 'Salad dressing, mayonnaise, regular'],
    ],
  },
  {
    q: 'mayo',
    foods: [
      ['04018', 'Salad dressing, mayonnaise type, regular, with salt'],
      ['04025', 'Salad dressing, mayonnaise, regular'],
    ],
  },
  {
    q: 'soy sauce',
    foods: [
      ['16123', 'Soy sauce made from soy and wheat (shoyu)'],
      ['16124', 'Soy sauce made from soy (tamari)'],
    ],
  },
  {
    q: 'salt',
    foods: [['02047', 'Salt, table']],
  },
  {
    q: 'tomato soup',
    foods: [
      ['06159', 'Soup, tomato, canned, condensed'],
      ['06559', 'Soup, tomato, canned, prepared with equal volume water, commercial'],
      ['06956', 'Soup, tomato, canned, condensed, reduced sodium'],
    ],
  },
  {
    q: 'chicken soup',
    foods: [['06419', 'Soup, chicken noodle, canned, prepared with equal volume water']],
  },
  {
    q: 'spagetti',
    foods: [['20121', 'Pasta, cooked, enriched, without added salt']],
  },
  {
    q: 'brocoli',
    foods: [
      ['11090', 'Broccoli, raw'],
      ['11091', 'Broccoli, cooked, boiled, drained, without salt'],
    ],
  },
  {
    q: 'yoghourt',
    foods: [
      ['01116', 'Yogurt, plain, whole milk, 8 grams protein per 8 ounce'],
      ['01117', 'Yogurt, plain, low fat, 12 grams protein per 8 ounce'],
    ],
  },
  {
    q: 'bananna',
    foods: [['09040', 'Bananas, raw']],
  },
  {
    q: 'tomatoe',
    foods: [['11529', 'Tomatoes, red, ripe, raw, year round average']],
  },
  {
    q: 'avacado',
    foods: [['09037', 'Avocados, raw, all commercial varieties']],
  },
  {
    q: 'strawberry',
    foods: [['09316', 'Strawberries, raw']],
  },
  {
    q: 'blueberry',
    foods: [['09050', 'Blueberries, raw']],
  },
  {
    q: 'cherries',
    foods: [['09070', 'Cherries, sweet, raw']],
  },
  {
    q: 'grapefruit',
    foods: [['09112', 'Grapefruit, raw, pink and red, all areas']],
  },
  {
    q: 'lemon',
    foods: [['09150', 'Lemons, raw, without peel']],
  },
  {
    q: 'pork',
    foods: [
      ['10022', 'Pork, fresh, loin, whole, separable lean and fat, cooked, broiled'],
      ['10023', 'Pork, fresh, loin, whole, separable lean and fat, cooked, roasted'],
      ['10026', 'Pork, fresh, loin, whole, separable lean only, cooked, broiled'],
      ['10027', 'Pork, fresh, loin, whole, separable lean only, cooked, roasted'],
      ['10038', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean and fat, cooked, broiled'],
      ['10039', 'Pork, fresh, loin, center loin (roasts), bone-in, separable lean and fat, cooked, roasted'],
      ['10042', 'Pork, fresh, loin, center loin (chops), bone-in, separable lean only, cooked, broiled'],
      ['10043', 'Pork, fresh, loin, center loin (roasts), bone-in, separable lean only, cooked, roasted'],
      ['10163', 'Pork, fresh, loin, center loin (chops), boneless, separable lean only, cooked, pan-broiled'],
      ['10189', 'Pork, fresh, loin, center loin (chops), boneless, separable lean and fat, cooked, pan-broiled'],
    ],
  },
  {
    q: 'beef',
    foods: [
      ['13451', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 0" fat, all grades, cooked, broiled'],
      ['13452', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 0" fat, choice, cooked, broiled'],
      ['13453', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 0" fat, select, cooked, broiled'],
      ['13454', 'Beef, top sirloin, steak, separable lean only, trimmed to 0" fat, all grades, cooked, broiled'],
      ['13455', 'Beef, top sirloin, steak, separable lean only, trimmed to 0" fat, choice, cooked, broiled'],
      ['13456', 'Beef, top sirloin, steak, separable lean only, trimmed to 0" fat, select, cooked, broiled'],
      ['13494', 'Beef, ground, 70% lean meat / 30% fat, crumbles, cooked, pan-browned'],
      ['13930', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, all grades, cooked, broiled'],
      ['13932', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, choice, cooked, broiled'],
      ['13935', 'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, select, cooked, broiled'],
      ['23476', 'Beef, ground, 93% lean meat / 7% fat, crumbles, cooked, pan-browned'],
      ['23481', 'Beef, ground, 97% lean meat / 3% fat, crumbles, cooked, pan-browned'],
      ['23560', 'Beef, ground, 95% lean meat / 5% fat, crumbles, cooked, pan-browned'],
      ['23565', 'Beef, ground, 90% lean meat / 10% fat, crumbles, cooked, pan-browned'],
      ['23570', 'Beef, ground, 85% lean meat / 15% fat, crumbles, cooked, pan-browned'],
      ['23575', 'Beef, ground, 80% lean meat / 20% fat, crumbles, cooked, pan-browned'],
      ['23580', 'Beef, ground, 75% lean meat / 25% fat, crumbles, cooked, pan-browned'],
      ['23588', 'Beef, top sirloin, steak, separable lean only, trimmed to 1/8" fat, select, cooked, broiled'],
      ['23610', 'Beef, top sirloin, steak, separable lean only, trimmed to 1/8" fat, all grades, cooked, broiled'],
      ['23629', 'Beef, top sirloin, steak, separable lean only, trimmed to 1/8" fat, choice, cooked, broiled'],
    ],
  },
  {
    q: 'chicken nuggets',
    foods: [
      ['21401', 'Fast foods, chicken tenders'],
      ['22974', 'Chicken, nuggets, dark and white meat, precooked, frozen, not reheated'],
      ['22975', 'Chicken, nuggets, white meat, precooked, frozen, not reheated'],
    ],
  },
  {
    q: 'fish fingers',
    foods: [['15027', 'Fish, fish sticks, frozen, prepared']],
  },
  {
    q: 'fish sticks',
    foods: [['15027', 'Fish, fish sticks, frozen, prepared']],
  },
  {
    q: 'cream',
    foods: [
      ['01049', 'Cream, fluid, half and half'],
      ['01050', 'Cream, fluid, light (coffee cream or table cream)'],
      ['01052', 'Cream, fluid, light whipping'],
      ['01053', 'Cream, fluid, heavy whipping'],
    ],
  },
  {
    q: 'single cream',
    foods: [
      ['01050', 'Cream, fluid, light (coffee cream or table cream)'],
      ['01052', 'Cream, fluid, light whipping'],
    ],
  },
  {
    q: 'double cream',
    foods: [['01053', 'Cream, fluid, heavy whipping']],
  },
  {
    q: 'sour cream',
    foods: [['01056', 'Cream, sour, cultured']],
  },
  {
    q: 'pancakes',
    foods: [
      ['18288', 'Pancakes plain, frozen, ready-to-heat (includes buttermilk)'],
      ['18290', 'Pancakes, plain, dry mix, complete, prepared'],
      ['18292', 'Pancakes, plain, dry mix, incomplete, prepared'],
      ['18293', 'Pancakes, plain, prepared from recipe'],
      ['18936', 'Pancakes, plain, frozen, ready-to-heat, microwave (includes buttermilk)'],
    ],
  },
  {
    q: 'waffles',
    foods: [
      ['18365', 'Waffles, plain, frozen, ready-to-heat'],
      ['18367', 'Waffles, plain, prepared from recipe'],
    ],
  },
];
