/**
 * Everyday, British and American names for foods, and common misspellings, mapped to the words the
 * bundled USDA SR28 table uses for the same food. A search runs with the words as typed and with each
 * rewrite below; a food found either way is ranked on the words that describe it best.
 *
 * Each entry: `say` (what people type; any of the phrases), `means` (the SR28 wording; each phrase is
 * one alternative search). Words are matched whole, in order, after lower-casing and folding
 * diacritics; a plural typed where a singular is listed is matched through the search's plural folding.
 * To extend: add an entry to the group it belongs to, with a `means` whose words occur in the SR28
 * name of the food meant, and add the search to search-quality-set.ts.
 *
 * Sources:
 * - British/American food vocabulary: Cambridge Dictionary "British and American English" usage
 *   notes; Wikipedia "Comparison of American and British English", section Food.
 * - UK names as used in dietetic practice: NHS "Eat well" pages and the McCance and Widdowson's
 *   Composition of Foods Integrated Dataset (CoFID, Public Health England) food names, e.g.
 *   "semi-skimmed milk", "wholemeal bread", "courgette", "porridge".
 * - SR28 wording: USDA National Nutrient Database for Standard Reference, Release 28, food
 *   descriptions (resources/foods/PROVENANCE.md).
 * - Misspellings: common typing slips on these words (a doubled or missing letter, "tomatoe",
 *   "avacado"); no external list, added as they are met.
 */
export interface Synonym {
  say: string[];
  means: string[];
}

export const SYNONYMS: readonly Synonym[] = [
  // British ↔ American names
  { say: ['porridge', 'oatmeal'], means: ['oats cooked', 'oats prepared water'] },
  { say: ['rolled oats', 'porridge oats', 'oat flakes'], means: ['oats regular quick'] },
  { say: ['yoghurt', 'yogourt', 'yoghourt', 'yogurt'], means: ['yogurt'] },
  { say: ['mince', 'minced beef', 'beef mince', 'ground beef'], means: ['beef ground crumbles'] },
  { say: ['crisps', 'potato crisps', 'potato chips'], means: ['potato chips'] },
  { say: ['chips'], means: ['potatoes french fried', 'potato chips'] },
  { say: ['french fries', 'fries'], means: ['potatoes french fried'] },
  { say: ['semi skimmed', 'semi skim'], means: ['reduced fat 2'] },
  { say: ['skimmed', 'skim'], means: ['nonfat'] },
  { say: ['full fat milk', 'whole milk'], means: ['milk whole'] },
  { say: ['2 milk'], means: ['milk reduced fat 2'] },
  { say: ['1 milk'], means: ['milk lowfat 1'] },
  { say: ['wholemeal', 'wholewheat', 'whole wheat', 'wholegrain'], means: ['whole wheat'] },
  { say: ['brown bread'], means: ['bread whole wheat'] },
  { say: ['courgette', 'courgettes'], means: ['zucchini'] },
  { say: ['aubergine', 'aubergines'], means: ['eggplant'] },
  { say: ['rocket'], means: ['arugula'] },
  { say: ['beetroot'], means: ['beets'] },
  { say: ['sweetcorn', 'sweet corn', 'corn'], means: ['corn sweet yellow'] },
  { say: ['pepper', 'capsicum', 'bell pepper', 'red pepper', 'green pepper'], means: ['peppers sweet'] },
  { say: ['jacket potato'], means: ['potatoes baked flesh skin'] },
  { say: ['prawns', 'prawn'], means: ['shrimp'] },
  { say: ['fish fingers'], means: ['fish sticks'] },
  { say: ['single cream'], means: ['cream fluid light'] },
  { say: ['double cream', 'heavy cream', 'whipping cream'], means: ['cream heavy whipping'] },
  { say: ['sour cream', 'soured cream'], means: ['cream sour cultured'] },
  { say: ['sultanas'], means: ['raisins'] },
  { say: ['houmous', 'humous', 'humus'], means: ['hummus'] },
  { say: ['biscuits', 'biscuit'], means: ['cookies'] },
  { say: ['ketchup', 'tomato ketchup', 'tomato sauce'], means: ['catsup'] },
  { say: ['mayo'], means: ['mayonnaise'] },
  { say: ['garbanzo', 'garbanzo beans', 'chick peas'], means: ['chickpeas'] },
  { say: ['soy milk', 'soya milk', 'soya'], means: ['soymilk'] },
  { say: ['linseed', 'linseeds', 'flax'], means: ['flaxseed'] },
  { say: ['coke', 'cola'], means: ['carbonated cola regular'] },
  { say: ['diet coke', 'diet cola'], means: ['carbonated low calorie cola'] },
  { say: ['pitta', 'pitta bread', 'pita'], means: ['bread pita'] },
  { say: ['spaghetti', 'penne', 'macaroni', 'fusilli'], means: ['pasta cooked'] },
  { say: ['omelette', 'omelet'], means: ['egg whole cooked omelet'] },
  { say: ['hot chocolate', 'cocoa'], means: ['hot cocoa', 'cocoa prepared'] },
  { say: ['toast'], means: ['bread toasted'] },
  { say: ['decaf'], means: ['decaffeinated'] },
  { say: ['black coffee', 'filter coffee'], means: ['coffee brewed'] },
  { say: ['cornflakes'], means: ['corn flakes'] },
  { say: ['rapeseed oil'], means: ['oil canola'] },
  { say: ['kiwi'], means: ['kiwifruit'] },
  { say: ['mash'], means: ['potatoes mashed'] },
  // Misspellings
  { say: ['brocoli', 'brocolli', 'broccolli'], means: ['broccoli'] },
  { say: ['spagetti', 'spaghetti'], means: ['pasta cooked'] },
  { say: ['bananna', 'banan'], means: ['banana'] },
  { say: ['tomatoe', 'tomatos'], means: ['tomatoes'] },
  { say: ['avacado', 'avocardo'], means: ['avocados'] },
  { say: ['potatoe', 'potatos'], means: ['potatoes'] },
  { say: ['zuchini', 'zucchinni'], means: ['zucchini'] },
  { say: ['yougurt', 'yoghurt'], means: ['yogurt'] },
];
