import { ALLERGENS, type Allergen } from '../contract/common.ts';

/**
 * The reviewed keyword table that derives allergen flags for foods without a label (the bundled
 * USDA SR28 foods and imported FoodData Central or CSV tables) from their name, food group and, where
 * a file has one, ingredient list. A safety net, not a guarantee: names do not list every ingredient,
 * and recipes vary. The method, the reviewed sample and its error rates are in
 * docs/decisions/allergen-flags.md; the reviewed labels are core/foods/allergen-review.json.
 *
 * The allergens are the major food allergens of the US (FALCPA 2004; sesame added by the FASTER Act
 * 2021) and the EU (Regulation 1169/2011 Annex II), within the app's ALLERGENS: crustacean shellfish
 * only (molluscs are a separate EU allergen, Annex II item 14, with no flag here), and "gluten" for
 * the cereals containing gluten of Annex II item 1 (wheat incl. spelt and khorasan, rye, barley, oats).
 *
 * Labelling standard (what "contains" means, for the table and the review alike): the allergen is an
 * ingredient of the food as named, in its standard recipe or usual commercial form. Cross-contact
 * ("may contain") is not counted, nor are the ingredients Annex II exempts: fully refined soybean oil,
 * glucose syrups and maltodextrin from wheat or barley, cereals and nuts in distilled spirits. Refined
 * peanut and tree-nut oils are still flagged (Annex II exempts no peanut or nut oil; safer).
 */

export interface AllergenRule {
  /** Regular-expression fragments matched as whole words in normalise()d text. */
  words: readonly string[];
  /** Phrases blanked out before `words` are looked for: "coconut milk" is not milk. */
  except?: readonly string[];
  /** Phrases that mean the food is free of it, whatever else it says: "gluten-free". */
  free?: readonly string[];
  /** Food groups (SR28 FD_GROUP names) every food of which contains it, unless its name matches the fragment. */
  groups?: Readonly<Record<string, string | null>>;
  /** Food groups where only these words count (soy in Fats and Oils: the refined oil is exempt). */
  onlyInGroups?: Readonly<Record<string, readonly string[]>>;
}

/**
 * A list of regular-expression fragments, one per `;` or line (backslashes kept as written), so the
 * table reads as a table: w`milks?; cheeses?`.
 */
function w(strings: TemplateStringsArray, ...parts: (string | readonly string[])[]): string[] {
  const text = strings.raw.reduce((acc, s, i) => {
    const part = parts[i - 1];
    return acc + (Array.isArray(part) ? part.join(';') : (part ?? '')) + s;
  });
  return text
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Bakery foods whose standard recipe has wheat flour, eggs and milk or butter. */
const BAKERY_EGG_MILK = w`
  cakes?; cupcakes?; cheesecakes?; coffeecakes?; cookies?; brownies?; muffins?; pancakes?; waffles?; crepes?
  doughnuts?; donuts?; popovers?; cream puffs?; eclairs?; croissants?; french toast; sweet rolls?
  danish pastr(?:y|ies)`;

/** Not bakery foods at all, though named with a bakery word. */
const NOT_BAKERY = w`rice cakes?; cakes? rice; popcorn cakes?; pancake syrups?; syrups? table blends pancake`;

/** Bakery foods made without egg or milk in their usual form (the bakery words above would flag them). */
const PLAIN_BAKERY = w`
  ${NOT_BAKERY}
  english muffins?; muffins english; grahams? (?:[a-z]+ )?cookies?; cookies? (?:[a-z]+ )?grahams?(?: crackers?)?
  animals? (?:[a-z]+ )?(?:cookies?|crackers?); cookies? animals?; (?:creme|cream) (?:filled )?sandwich cookies?
  sandwich(?: [a-z]+)? with creme filling; water biscuits?`;

/**
 * A dry mix as sold has no egg or milk just because the finished dish does: "Muffins, wheat bran, dry
 * mix" (eggs and milk are added at home), unless it says it is prepared or complete.
 */
const DRY_MIX = `(?:${[...BAKERY_EGG_MILK, 'puddings?', 'custards?'].join('|')})\\b(?=.*\\bdry mix\\b)(?!.*\\b(?:prepared|complete)\\b)`;

/**
 * What industrial fats are used for ("principal uses icings and fillings", "for cakes and frostings") is
 * not what they contain; blanked out for every allergen.
 */
const USES = w`
  (?:principal|typical) (?:uses?|basis)\b.*$; (?:uses?|used) (?:for|as|similar to|in)\b.*$
  for cakes and frostings; shortening cake mix; shortening bread`;

/**
 * Brands and dishes named without their ingredients, added after the review (allergen-review.json):
 * MORNINGSTAR FARMS foods are soy and wheat gluten, most with egg white (its vegan line says so).
 */
const MORNINGSTAR = 'morningstar farms';

export const ALLERGEN_TABLE: Readonly<Record<Allergen, AllergenRule>> = {
  milk: {
    words: w`
      milks?; milkshakes?; buttermilk; cheeses?; cheeseburgers?; creams?; butters?; buttered; butterscotch
      ghee; yogh?urts?; whey; casein(?:ate)?s?; lactose; lactalbumin; kefir; custards?; puddings?; flan
      curds?; paneer; ricotta; mozzarella; parmesan; cheddar; colby; cheez; caramels?; fudge; toffee; sherbet
      gelato; eggnog; latte; cappuccino; alfredo; gratin; scalloped; chowder; bisque; stroganoff; tzatziki
      (?:white sauce|sauce (?:homemade )?white); ranch (?:dressing|sauce|flavou?r(?:ed)?); dressing ranch
      caesar; pizzas?; lasagna; quesadillas?; nachos?; cocoa mix; infant formula; tiramisu; biscuits?
      irish soda; scones?; chocolate chips?; sundaes?; mcflurry; klondike; fried batter; batter fried; wedding soup
      souffles?; pralines?; potatoes mashed ready to eat; mashed potato(?:es)?; slim ?fast; shakes?
      oyster stew; reeses; payday; whatchamacallit
      ${BAKERY_EGG_MILK}`,
    except: w`
      (?:coconut|almond|rice|soy|oat|cashew|hemp|nut) (?:milk|cream|beverage)s?; soymilk; soy yogh?urts?
      (?:peanut|cocoa|nut|almond|cashew|sesame|seed|apple|fruit|nutmeg|shea|ucuhuba|kokum|mango) butters?
      butter flavou?r(?:ed)?; cream of (?:tartar|wheat|rice); cream (?:style|soda|sherry); bean curd
      caramel colou?r; manhattan (?:style )?clam chowder; chowder manhattan; custard apples?
      infant formula\b(?=.*\b(?:soy|isomil|prosobee|neocate|elecare|puramino|nutramigen aa)\b)
      (?:milk human|human milk|breast milk); (?:mix|powder) for milk; for sundaes?; nacho sliced; shake n bake
      (?:cookies? )?ladyfingers?; crab cakes?; fish cakes?; potato pancakes?; angel ?food
      pizza sauce; sauce pizza; ice cream coatings?; alaskan ice cream; bread and butter pickles
      ${DRY_MIX}
      ${PLAIN_BAKERY}
      ${USES}`,
    free: w`dairy free; non ?dairy; milk free; vegan`,
    // Every food of the group is dairy except the eggs (SR28 FD_GROUP 0100), and human milk.
    groups: { 'Dairy and Egg Products': String.raw`^(?:eggs?\b|milk human)` },
    // A cereal named after a bakery food ("COOKIE CRISP", "Waffle Crisp") is a flavour, not a recipe.
    onlyInGroups: { 'Breakfast Cereals': w`milks?; yogh?urts?; cheeses?; cheddar; whey; butter; creams?` },
  },
  egg: {
    words: w`
      eggs?; egg whites?; yolks?; albumen; mayonnaise; mayo; miracle whip; meringues?; custards?; flan; eggnog
      quiches?; souffles?; hollandaise; bearnaise; aioli; eggo; tartar sauce; sauce tartar; caesar
      ranch (?:dressing|sauce); dressing ranch; (?:dressing buttermilk|buttermilk dressing); thousand island
      macaroons?; nougat; ladyfingers?; challah; brioche; pasta fresh refrigerated; fried rice; meatballs?
      meatloaf; omelets?; omelettes?; frittatas?; (?:tuna|chicken|ham|potato|macaroni|egg|seafood|crab|shrimp) salad
      made from surimi; (?:chicken|veal|eggplant) (?:parmesan|parmigiana); fried batter; batter fried
      wedding soup; ${MORNINGSTAR}
      ${BAKERY_EGG_MILK}`,
    except: w`
      egg ?plants?; custard apples?; potato pancakes?; crust cookie type; shortbread cookies?; cookies? shortbread
      (?:herring|whitefish|salmon|fish|sturgeon|shad|cod) (?:eggs?|roe)
      ${DRY_MIX}
      ${PLAIN_BAKERY}
      ${USES}`,
    // Fish roe is not hen's egg (above); a vegan food has none.
    free: w`egg free; eggless; vegan`,
    onlyInGroups: { 'Breakfast Cereals': w`eggs?` },
  },
  fish: {
    words: w`
      fish; fishes; finfish; salmon; tuna; cod; haddock; pollock; halibut; herring; mackerel; sardines?
      anchov(?:y|ies); trout; tilapia; catfish; flounder; swordfish; snapper; grouper; mahimahi; whitefish
      roe; caviar; surimi; eel; carp; lox; kippers?; bonito; worcestershire; caesar; cod liver oil`,
    except: w`shellfish; fish flavou?r(?:ed)?; fish shaped`,
    free: w`vegan`,
  },
  shellfish: {
    // Crustaceans only (FALCPA "crustacean shellfish"); molluscs have no flag (EU Annex II item 14).
    words: w`
      crustaceans?; shellfish; shrimps?; prawns?; crabs?; lobsters?; crayfish; crawfish; krill; langoustines?
      scampi`,
    except: w`crab ?apples?; finfish and shellfish`,
  },
  'tree-nut': {
    // EU Annex II item 8's nuts, and the further tree nuts in FDA guidance (pine nut, chestnut, beechnut,
    // butternut, hickory, pili); not coconut, nutmeg, water chestnut or ginkgo.
    words: w`
      nuts?; almonds?; walnuts?; cashews?; pecans?; pistachios?; hazelnuts?; filberts?; macadamias?
      brazil ?nuts?; pine ?nuts?; pinon; pinyon; pignoli; chestnuts?; beechnuts?; butternuts?; hickory ?nuts?
      pili ?nuts?; pralines?; marzipan; gianduja; baklava; pesto; nutella; trail mix`,
    except: w`
      ^nuts (?:coconut|ginkgo|acorns?|formulated)\b.*$; water ?chestnuts?; butternut squash
      squash winter butternut; grape nuts; mouse nuts; roasting nuts; except macadamia`,
    free: w`nut free`,
  },
  peanut: {
    words: w`
      peanuts?; groundnuts?; arachis; goobers; trail mix; satay; kung pao; oriental mix; snickers; butterfinger
      reeses; payday; baby ruth; nutter butter; whatchamacallit`,
    free: w`peanut free`,
  },
  gluten: {
    words: w`
      wheats?; wheaties; bulgh?ur; couscous; semolina; durum; farina; spelt; kamut; triticale; seitan; rye
      barley; malt(?:ed)?; oats?; oatmeal; granola; muesli; bran; flours?; breads?; breaded; breading
      breadcrumbs?; breadsticks?; crumbs; panko; croutons?; stuffing; buns?; ^rolls?
      (?:dinner|hamburger|hot ?dog|sweet|egg|spring|french|kaiser|crescent|submarine|sub|cinnamon) rolls?
      bagels?; biscuits?; scones?; crackers?; matzo(?:h|s)?; pretzels?; zwieback; rusks?; toast; biscotti
      pasta; macaroni; spaghetti; spaghettios; noodles?; lasagna; ravioli; tortellini; gnocchi; fettucc?ine
      linguine; penne; rigatoni; ziti; rotini; cavatappi; orzo; vermicelli; manicotti; cannelloni
      dumplings?; wontons?; pizzas?; pies?; pastry; pastries; strudel; turnovers?; tortillas?; burritos?
      quesadillas?; chimichangas?; tacos?(?: [a-z]+)* soft; soft tacos?; sandwich(?:es)?
      (?:ham|cheese)?burgers?; hot ?dogs?; corn ?dogs?; soy sauce; shoyu; teriyaki; hoisin; beers?; ale
      lager; gravy; batter(?:ed)?; nuggets?; chicken (?:patty|patties|tenders|fingers|strips)
      (?:cheese|mozzarella) sticks; (?:chicken|veal|eggplant) (?:parmesan|parmigiana); made from surimi
      cereal mixed; mixed cereal; cereal high protein; cereal bars?; oriental mix; souffles?; gumbo
      soup cream of; cream of [a-z]+(?: [a-z]+)? soup; (?:white sauce|sauce (?:homemade )?white)
      cheese sauce prepared from recipe; minestrone; wedding soup; campbells(?: [a-z0-9]+)* tomato soup
      sunchips; ${MORNINGSTAR}
      ${BAKERY_EGG_MILK}`,
    except: w`
      buckwheat; (?:rice|corn) bran; pie fillings?; pie spice; pie mix; fruit (?:leather )?rolls?
      (?:rice|corn|potato|soy|soybean|peanut|sesame|sunflower seed|cottonseed|acorn|arrowroot|carob|tapioca|cassava|chickpea|almond|coconut|buckwheat|millet|sorghum|teff|quinoa|amaranth|chestnut|mesquite|masa|lupin|banana) flours?
      tortillas? ready to bake or fry corn; corn tortillas?; tortilla chips; rice (?:cakes?|noodles?|pasta)
      rice (?:biscuits?|crackers?); shrimp crackers?; noodles chinese cellophane; cellophane noodles
      ginger ale; root beer; birch beer; beer salami; malt(?:ose|odextrin|itol); egg rolls?
      burger king; sirloin burger; (?:pickle )?relish (?:hamburger|hot dog); prego pasta; pasta sauces?
      sauce pasta; spaghetti sauces?; squash winter spaghetti; spaghetti squash; pizza sauces?; sauce pizza
      sandwich spreads?; bread and butter pickles; oats gatorade; cracker barrel; stick or nugget
      ${NOT_BAKERY}
      ${USES}`,
    free: w`gluten free; wheat free`,
    // Breakfast cereals and baked goods are wheat, oats, rye or barley (malt) unless named otherwise.
    groups: {
      'Breakfast Cereals': String.raw`\b(?:grits|cream of rice|rice puffed|puffed rice|chex|incaparina)\b`,
      'Baked Products': String.raw`\b(?:taco shells?|tostada shells?|leavening agents?|yeast|baking (?:powder|soda))\b`,
    },
  },
  soy: {
    words: w`
      soy; soya; soybeans?; soymilk; tofu; miso; tempeh; edamame; natto; okara; yuba; bean curd; tamari
      shoyu; teriyaki; hoisin; lecithin; textured vegetable protein; meat extender; soyburgers?; isomil
      prosobee; oriental mix; cereal high protein; ${MORNINGSTAR}`,
    // Fully refined soybean oil is exempt (EU 1169/2011 Annex II 6(a); FALCPA highly refined oils).
    except: w`
      soy(?:bean)?s? (?:and [a-z]+ )?oils?; (?:partially |fully )?hydrogenated soy(?:bean)?s?
      ${USES}`,
    free: w`non soy; soy free`,
    onlyInGroups: { 'Fats and Oils': w`lecithin; tofu; soy protein` },
  },
  sesame: {
    words: w`sesame; tahini; tahina; halv?ah?; halavah; hummus; benne; gomasio`,
  },
};

/** Lower case, diacritics and apostrophes removed, anything else not a letter or digit as one space. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "without peanuts", "no milk", "non-soy": the next word does not count (but "whole milk" later does). */
const NEGATED_WORD = /\b(?:without|no|non) (?:added )?[a-z]+/g;

interface CompiledRule {
  words: RegExp;
  except: RegExp | null;
  free: RegExp | null;
  groups: Map<string, RegExp | null>;
  onlyInGroups: Map<string, RegExp>;
}

const anyOf = (fragments: readonly string[]): RegExp => new RegExp(`\\b(?:${fragments.join('|')})\\b`);
const anyOfGlobal = (fragments: readonly string[]): RegExp => new RegExp(`\\b(?:${fragments.join('|')})(?:\\b|$)`, 'g');

const COMPILED = new Map<Allergen, CompiledRule>(
  ALLERGENS.map((a) => {
    const r = ALLERGEN_TABLE[a];
    return [
      a,
      {
        words: anyOf(r.words),
        except: r.except?.length ? anyOfGlobal(r.except) : null,
        free: r.free?.length ? anyOf(r.free) : null,
        groups: new Map(Object.entries(r.groups ?? {}).map(([g, unless]) => [g, unless ? new RegExp(unless) : null])),
        onlyInGroups: new Map(Object.entries(r.onlyInGroups ?? {}).map(([g, w]) => [g, anyOf(w)])),
      },
    ];
  }),
);

export interface AllergenSource {
  name: string;
  foodGroup: string | null;
  /** An ingredient list, where the source has one (FoodData Central branded foods). */
  ingredients?: string | null;
}

function textHas(rule: CompiledRule, text: string, group: string | null): boolean {
  if (text === '') return false;
  const words = (group === null ? undefined : rule.onlyInGroups.get(group)) ?? rule.words;
  // Blanking only removes matches: no word in the whole text means none after it (most foods, cheaply).
  if (!words.test(text)) return false;
  if (rule.free?.test(text)) return false;
  const kept = text.replace(NEGATED_WORD, ' | ').replace(rule.except ?? /$^/, ' | ');
  return words.test(kept);
}

/**
 * The allergens a food contains according to the table, in ALLERGENS order. The name and the
 * ingredient list are read the same way; a food group listed for an allergen flags every food of the
 * group unless its name says otherwise (or says it is free of the allergen).
 */
export function deriveAllergens(food: AllergenSource): Allergen[] {
  const name = normalise(food.name);
  const ingredients = normalise(food.ingredients ?? '');
  const group = food.foodGroup?.trim() || null;
  return ALLERGENS.filter((a) => {
    const rule = COMPILED.get(a)!;
    if (rule.free?.test(name)) return false;
    if (group !== null && rule.groups.has(group)) {
      const unless = rule.groups.get(group);
      if (!unless || !unless.test(name)) return true;
    }
    return textHas(rule, name, group) || textHas(rule, ingredients, null);
  });
}
