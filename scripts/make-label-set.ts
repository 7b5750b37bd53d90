/**
 * Makes the nutrition-label test set in core/labels/testing/label-set/: label layouts drawn as SVG
 * (US "Nutrition Facts" per serving, EU/UK "Nutrition information" tables per 100 g or 100 ml and per
 * portion), rastered with sharp, then photographed badly on purpose: placed on a package-coloured
 * background, turned, seen in perspective, blurred, given sensor noise and saved as a lossy JPEG.
 * Ground truth (the values as printed, and the per-100 g values the app should save) goes beside
 * them in truth.json. Deterministic (seeded), so re-running rewrites identical files.
 *
 * Usage: node scripts/make-label-set.ts [outDir]
 *
 * The values are invented, in the range of real products; the layouts follow the US FDA format
 * (21 CFR 101.9(d), the 2016 "Nutrition Facts" label) and the EU tabular format of Regulation (EU)
 * No 1169/2011 Art. 30–34 and Annex XV (order: energy, fat, saturates, carbohydrate, sugars, fibre,
 * protein, salt).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export type TruthKey =
  | 'energyKcal'
  | 'fatG'
  | 'satFatG'
  | 'transFatG'
  | 'cholesterolMg'
  | 'sodiumMg'
  | 'saltG'
  | 'carbG'
  | 'sugarG'
  | 'addedSugarG'
  | 'fibreG'
  | 'proteinG';

export interface LabelTruth {
  file: string;
  layout: 'us' | 'eu';
  /** What the printed values are per: the serving (US), or 100 g / 100 ml (EU, first column). */
  basis: 'serving' | '100g' | '100ml';
  servingG: number | null;
  /** The values as printed, in the label's basis (energy in kcal; salt in g; sodium in mg). */
  printed: Partial<Record<TruthKey, number>>;
  /** The same values per 100 g as the app stores them (sodium from salt ÷ 2.5). */
  per100g: Partial<Record<string, number>>;
  font: string;
  distortion: string;
}

/** mulberry32: a small seeded generator, so the set is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Row {
  left: string;
  right?: string;
  /** Extra columns for tables (x positions as a share of the width). */
  cols?: { text: string; x: number; anchor?: 'start' | 'end' }[];
  size: number;
  bold?: boolean;
  indent?: number;
  rule?: number;
}

function svgLabel(width: number, rows: Row[], font: string): { svg: string; height: number } {
  let y = 24;
  const parts: string[] = [];
  for (const r of rows) {
    y += r.size * 1.25;
    const weight = r.bold ? 'bold' : 'normal';
    const x = 18 + (r.indent ?? 0);
    parts.push(
      `<text x="${x}" y="${y}" font-family="${font}" font-size="${r.size}" font-weight="${weight}">${esc(r.left)}</text>`,
    );
    if (r.right)
      parts.push(
        `<text x="${width - 18}" y="${y}" text-anchor="end" font-family="${font}" font-size="${r.size}" font-weight="${r.bold ? 'bold' : 'normal'}">${esc(r.right)}</text>`,
      );
    for (const c of r.cols ?? [])
      parts.push(
        `<text x="${Math.round(c.x * width)}" y="${y}" text-anchor="${c.anchor ?? 'end'}" font-family="${font}" font-size="${r.size}" font-weight="${weight}">${esc(c.text)}</text>`,
      );
    y += r.size * 0.35;
    if (r.rule) {
      parts.push(`<rect x="12" y="${y}" width="${width - 24}" height="${r.rule}" fill="#000"/>`);
      y += r.rule + 2;
    }
  }
  const height = Math.ceil(y + 20);
  const svg =
    // Drawn at twice the layout size: about the text height a phone photo of a label has (20–40 px).
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * 2}" height="${height * 2}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<rect x="6" y="6" width="${width - 12}" height="${height - 12}" fill="none" stroke="#000" stroke-width="3"/>` +
    parts.join('') +
    `</svg>`;
  return { svg, height };
}

interface Food {
  name: string;
  servingText: string;
  servingG: number;
  kcal: number;
  fat: number;
  sat: number;
  trans: number;
  chol: number;
  sodium: number;
  carb: number;
  fibre: number;
  sugar: number;
  added: number;
  protein: number;
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function usRows(f: Food, dv: boolean): Row[] {
  const pct = (v: number, ref: number): string => (dv ? `${Math.round((v / ref) * 100)}%` : '');
  // FDA Daily Values for adults and children ≥ 4 years, 21 CFR 101.9(c)(9) (2016 rule).
  return [
    { left: 'Nutrition Facts', size: 34, bold: true, rule: 1 },
    { left: '8 servings per container', size: 16 },
    { left: 'Serving size', right: `${f.servingText} (${f.servingG}g)`, size: 18, bold: true, rule: 8 },
    { left: 'Amount per serving', size: 13, bold: true },
    { left: 'Calories', right: String(f.kcal), size: 28, bold: true, rule: 4 },
    { left: '', right: dv ? '% Daily Value*' : '', size: 13, bold: true, rule: 1 },
    { left: `Total Fat ${fmt(f.fat)}g`, right: pct(f.fat, 78), size: 16, bold: true, rule: 1 },
    { left: `Saturated Fat ${fmt(f.sat)}g`, right: pct(f.sat, 20), size: 16, indent: 16, rule: 1 },
    { left: `Trans Fat ${fmt(f.trans)}g`, size: 16, indent: 16, rule: 1 },
    { left: `Cholesterol ${fmt(f.chol)}mg`, right: pct(f.chol, 300), size: 16, bold: true, rule: 1 },
    { left: `Sodium ${fmt(f.sodium)}mg`, right: pct(f.sodium, 2300), size: 16, bold: true, rule: 1 },
    { left: `Total Carbohydrate ${fmt(f.carb)}g`, right: pct(f.carb, 275), size: 16, bold: true, rule: 1 },
    { left: `Dietary Fiber ${fmt(f.fibre)}g`, right: pct(f.fibre, 28), size: 16, indent: 16, rule: 1 },
    { left: `Total Sugars ${fmt(f.sugar)}g`, size: 16, indent: 16, rule: 1 },
    { left: `Includes ${fmt(f.added)}g Added Sugars`, right: pct(f.added, 50), size: 16, indent: 32, rule: 1 },
    { left: `Protein ${fmt(f.protein)}g`, size: 16, bold: true, rule: 8 },
    { left: 'Vitamin D 2mcg 10%', size: 14, rule: 1 },
    { left: 'Calcium 260mg 20%', size: 14, rule: 4 },
  ];
}

interface EuFood {
  name: string;
  /** Per 100 g (or 100 ml). */
  kj: number;
  kcal: number;
  fat: number;
  sat: number;
  carb: number;
  sugar: number;
  fibre: number | null;
  protein: number;
  salt: number;
  portionG: number;
  liquid?: boolean;
}

function euRows(f: EuFood, style: 'table' | 'uk-inline' | 'single'): Row[] {
  const per = f.liquid ? '100ml' : '100g';
  const p = (v: number): string => {
    const x = (v * f.portionG) / 100;
    return x >= 10 ? x.toFixed(0) : x.toFixed(1);
  };
  const d = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
  const rows: Row[] = [];
  if (style === 'single') {
    rows.push({ left: 'Nutrition information', size: 24, bold: true, rule: 2 });
    rows.push({ left: 'Typical values', right: `per ${per}`, size: 16, bold: true, rule: 1 });
    rows.push({ left: 'Energy', right: `${f.kj}kJ / ${f.kcal}kcal`, size: 16, rule: 1 });
    const line = (l: string, v: number, indent = 0): void => {
      rows.push({ left: l, right: `${d(v)}g`, size: 16, indent, rule: 1 });
    };
    line('Fat', f.fat);
    line('of which saturates', f.sat, 12);
    line('Carbohydrate', f.carb);
    line('of which sugars', f.sugar, 12);
    if (f.fibre !== null) line('Fibre', f.fibre);
    line('Protein', f.protein);
    rows.push({ left: 'Salt', right: `${f.salt.toFixed(2)}g`, size: 16, rule: 2 });
    return rows;
  }
  rows.push({ left: 'Nutrition information', size: 24, bold: true, rule: 2 });
  rows.push({
    left: 'Typical values',
    cols: [
      { text: `Per ${per}`, x: 0.66 },
      { text: `Per ${f.portionG}${f.liquid ? 'ml' : 'g'} portion`, x: 0.97 },
    ],
    size: 14,
    bold: true,
    rule: 1,
  });
  const two = (l: string, a: string, b: string, indent = 0, rule = 1): void => {
    rows.push({
      left: l,
      cols: [
        { text: a, x: 0.66 },
        { text: b, x: 0.97 },
      ],
      size: 15,
      indent,
      rule,
    });
  };
  if (style === 'uk-inline') {
    two(
      'Energy',
      `${f.kj}kJ/${f.kcal}kcal`,
      `${Math.round((f.kj * f.portionG) / 100)}kJ/${Math.round((f.kcal * f.portionG) / 100)}kcal`,
    );
  } else {
    two('Energy', `${f.kj} kJ`, `${Math.round((f.kj * f.portionG) / 100)} kJ`, 0, 0);
    two('', `${f.kcal} kcal`, `${Math.round((f.kcal * f.portionG) / 100)} kcal`);
  }
  two('Fat', `${d(f.fat)}g`, `${p(f.fat)}g`);
  two('of which saturates', `${d(f.sat)}g`, `${p(f.sat)}g`, 10);
  two('Carbohydrate', `${d(f.carb)}g`, `${p(f.carb)}g`);
  two('of which sugars', `${d(f.sugar)}g`, `${p(f.sugar)}g`, 10);
  if (f.fibre !== null) two('Fibre', `${d(f.fibre)}g`, `${p(f.fibre)}g`);
  two('Protein', `${d(f.protein)}g`, `${p(f.protein)}g`);
  two('Salt', `${f.salt.toFixed(2)}g`, `${((f.salt * f.portionG) / 100).toFixed(2)}g`, 0, 2);
  return rows;
}

const US_FOODS: Food[] = [
  {
    name: 'granola',
    servingText: '2/3 cup',
    servingG: 55,
    kcal: 230,
    fat: 8,
    sat: 1,
    trans: 0,
    chol: 0,
    sodium: 160,
    carb: 37,
    fibre: 4,
    sugar: 12,
    added: 10,
    protein: 3,
  },
  {
    name: 'crackers',
    servingText: '5 crackers',
    servingG: 30,
    kcal: 140,
    fat: 6,
    sat: 1.5,
    trans: 0,
    chol: 0,
    sodium: 230,
    carb: 19,
    fibre: 1,
    sugar: 2,
    added: 2,
    protein: 2,
  },
  {
    name: 'yogurt',
    servingText: '1 container',
    servingG: 170,
    kcal: 150,
    fat: 4,
    sat: 2.5,
    trans: 0,
    chol: 15,
    sodium: 95,
    carb: 20,
    fibre: 0,
    sugar: 17,
    added: 9,
    protein: 9,
  },
  {
    name: 'peanut-butter',
    servingText: '2 tbsp',
    servingG: 32,
    kcal: 190,
    fat: 16,
    sat: 3,
    trans: 0,
    chol: 0,
    sodium: 140,
    carb: 8,
    fibre: 2,
    sugar: 3,
    added: 2,
    protein: 7,
  },
  {
    name: 'soup',
    servingText: '1 cup',
    servingG: 245,
    kcal: 90,
    fat: 2,
    sat: 0.5,
    trans: 0,
    chol: 5,
    sodium: 890,
    carb: 15,
    fibre: 3,
    sugar: 4,
    added: 0,
    protein: 4,
  },
];

const EU_FOODS: EuFood[] = [
  {
    name: 'oat-biscuits',
    kj: 1966,
    kcal: 469,
    fat: 20.3,
    sat: 9.4,
    carb: 62.1,
    sugar: 21.8,
    fibre: 5.2,
    protein: 7.1,
    salt: 0.88,
    portionG: 25,
  },
  {
    name: 'rye-bread',
    kj: 1003,
    kcal: 238,
    fat: 1.8,
    sat: 0.3,
    carb: 43.6,
    sugar: 3.1,
    fibre: 8.4,
    protein: 7.9,
    salt: 1.2,
    portionG: 40,
  },
  {
    name: 'orange-juice',
    kj: 187,
    kcal: 44,
    fat: 0.1,
    sat: 0.0,
    carb: 9.6,
    sugar: 8.8,
    fibre: null,
    protein: 0.6,
    salt: 0.01,
    portionG: 250,
    liquid: true,
  },
  {
    name: 'cheddar',
    kj: 1725,
    kcal: 416,
    fat: 34.9,
    sat: 21.7,
    carb: 0.1,
    sugar: 0.1,
    fibre: 0,
    protein: 25.4,
    salt: 1.8,
    portionG: 30,
  },
  {
    name: 'muesli',
    kj: 1540,
    kcal: 366,
    fat: 6.4,
    sat: 1.1,
    carb: 60.2,
    sugar: 15.9,
    fibre: 8.1,
    protein: 10.2,
    salt: 0.08,
    portionG: 45,
  },
  {
    name: 'tomato-soup',
    kj: 230,
    kcal: 55,
    fat: 2.4,
    sat: 0.2,
    carb: 6.8,
    sugar: 4.6,
    fibre: 0.9,
    protein: 1.1,
    salt: 0.65,
    portionG: 300,
  },
];

const FONTS = ['DejaVu Sans', 'DejaVu Sans Condensed', 'DejaVu Serif', 'DejaVu Sans Mono'];

/** Bilinear sample of a single-channel... RGB raw image. */
function warp(
  src: Buffer,
  w: number,
  h: number,
  outW: number,
  outH: number,
  // Maps an output pixel to a source pixel (inverse mapping).
  inv: (x: number, y: number) => [number, number],
  bg: [number, number, number],
): Buffer {
  const out = Buffer.alloc(outW * outH * 3);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const [sx, sy] = inv(x, y);
      const o = (y * outW + x) * 3;
      if (sx < 0 || sy < 0 || sx >= w - 1 || sy >= h - 1) {
        out[o] = bg[0];
        out[o + 1] = bg[1];
        out[o + 2] = bg[2];
        continue;
      }
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let c = 0; c < 3; c++) {
        const i = (y0 * w + x0) * 3 + c;
        const a = src[i]! * (1 - fx) + src[i + 3]! * fx;
        const b = src[i + w * 3]! * (1 - fx) + src[i + w * 3 + 3]! * fx;
        out[o + c] = Math.round(a * (1 - fy) + b * fy);
      }
    }
  }
  return out;
}

/** The homography taking the unit square's corners to four points (Heckbert 1989, "projective mappings"). */
function squareToQuad(q: [number, number][]): number[] {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const hh = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + hh * x3, x0, y1 - y0 + g * y1, y3 - y0 + hh * y3, y0, g, hh, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

interface Distortion {
  name: string;
  /** Corner jitter as a share of the size (perspective). */
  skew: number;
  rotateDeg: number;
  blur: number;
  noise: number;
  quality: number;
}

const DISTORTIONS: Distortion[] = [
  { name: 'mild', skew: 0.03, rotateDeg: 2, blur: 0.6, noise: 6, quality: 80 },
  { name: 'perspective', skew: 0.05, rotateDeg: -4, blur: 0.8, noise: 8, quality: 75 },
  { name: 'blurry', skew: 0.04, rotateDeg: 3, blur: 1.3, noise: 10, quality: 70 },
  { name: 'noisy', skew: 0.05, rotateDeg: -2, blur: 0.7, noise: 18, quality: 65 },
];

async function photograph(svg: string, d: Distortion, rand: () => number): Promise<Buffer> {
  const label = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const w = label.info.width;
  const h = label.info.height;
  const margin = Math.round(Math.max(w, h) * 0.12);
  const outW = w + 2 * margin;
  const outH = h + 2 * margin;
  // Where the label's corners land in the photo: turned about the centre, each corner jittered.
  const rad = (d.rotateDeg * Math.PI) / 180;
  const cx = outW / 2;
  const cy = outH / 2;
  const corners: [number, number][] = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ].map(([x, y]) => {
    const jx = (rand() * 2 - 1) * d.skew * w;
    const jy = (rand() * 2 - 1) * d.skew * h;
    return [cx + x! * Math.cos(rad) - y! * Math.sin(rad) + jx, cy + x! * Math.sin(rad) + y! * Math.cos(rad) + jy];
  });
  const inv = invert3(squareToQuad(corners));
  const bg: [number, number, number] = [
    Math.round(120 + rand() * 100),
    Math.round(60 + rand() * 120),
    Math.round(40 + rand() * 80),
  ];
  const warped = warp(
    label.data,
    w,
    h,
    outW,
    outH,
    (x, y) => {
      const den = inv[6]! * x + inv[7]! * y + inv[8]!;
      const u = (inv[0]! * x + inv[1]! * y + inv[2]!) / den;
      const v = (inv[3]! * x + inv[4]! * y + inv[5]!) / den;
      return [u * w, v * h];
    },
    bg,
  );
  // Sensor noise: a uniform sum of three draws approximates a Gaussian; uneven light from one side.
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const shade = 0.82 + 0.18 * (x / outW);
      for (let c = 0; c < 3; c++) {
        const i = (y * outW + x) * 3 + c;
        const n = (rand() + rand() + rand() - 1.5) * d.noise;
        warped[i] = Math.max(0, Math.min(255, Math.round(warped[i]! * shade + n)));
      }
    }
  }
  return sharp(warped, { raw: { width: outW, height: outH, channels: 3 } })
    .blur(d.blur)
    .jpeg({ quality: d.quality, mozjpeg: true })
    .toBuffer();
}

const round = (n: number, dp: number): number => Math.round(n * 10 ** dp) / 10 ** dp;

export async function makeLabelSet(outDir: string): Promise<LabelTruth[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const rand = rng(20);
  const truths: LabelTruth[] = [];
  let n = 0;
  for (const [i, f] of US_FOODS.entries()) {
    const font = FONTS[i % FONTS.length]!;
    const d = DISTORTIONS[n % DISTORTIONS.length]!;
    const { svg } = svgLabel(420, usRows(f, i !== 3), font);
    const file = `us-${f.name}.jpg`;
    fs.writeFileSync(path.join(outDir, file), await photograph(svg, d, rand));
    const k = 100 / f.servingG;
    truths.push({
      file,
      layout: 'us',
      basis: 'serving',
      servingG: f.servingG,
      printed: {
        energyKcal: f.kcal,
        fatG: f.fat,
        satFatG: f.sat,
        transFatG: f.trans,
        cholesterolMg: f.chol,
        sodiumMg: f.sodium,
        carbG: f.carb,
        fibreG: f.fibre,
        sugarG: f.sugar,
        addedSugarG: f.added,
        proteinG: f.protein,
      },
      per100g: {
        energyKcal: round(f.kcal * k, 2),
        fatG: round(f.fat * k, 3),
        satFatG: round(f.sat * k, 3),
        cholesterolMg: round(f.chol * k, 2),
        sodiumMg: round(f.sodium * k, 2),
        carbG: round(f.carb * k, 3),
        fibreG: round(f.fibre * k, 3),
        sugarG: round(f.sugar * k, 3),
        addedSugarG: round(f.added * k, 3),
        proteinG: round(f.protein * k, 3),
      },
      font,
      distortion: d.name,
    });
    n++;
  }
  const styles = ['table', 'uk-inline', 'single', 'table', 'uk-inline', 'single'] as const;
  for (const [i, f] of EU_FOODS.entries()) {
    const font = FONTS[(i + 1) % FONTS.length]!;
    const d = DISTORTIONS[n % DISTORTIONS.length]!;
    const style = styles[i]!;
    const { svg } = svgLabel(style === 'single' ? 380 : 460, euRows(f, style), font);
    const file = `eu-${f.name}.jpg`;
    fs.writeFileSync(path.join(outDir, file), await photograph(svg, d, rand));
    const printed: LabelTruth['printed'] = {
      energyKcal: f.kcal,
      fatG: f.fat,
      satFatG: f.sat,
      carbG: f.carb,
      sugarG: f.sugar,
      proteinG: f.protein,
      saltG: f.salt,
    };
    if (f.fibre !== null) printed.fibreG = f.fibre;
    // Printed values are rounded as printed (one decimal under 10 g, none above): truth is what is printed.
    const shown = (v: number): number => Number(v >= 10 ? v.toFixed(0) : v.toFixed(1));
    const per100g: LabelTruth['per100g'] = {
      energyKcal: f.kcal,
      fatG: shown(f.fat),
      satFatG: shown(f.sat),
      carbG: shown(f.carb),
      sugarG: shown(f.sugar),
      proteinG: shown(f.protein),
      // Regulation (EU) No 1169/2011 Annex I point 11: salt = sodium × 2.5.
      sodiumMg: round((Number(f.salt.toFixed(2)) / 2.5) * 1000, 2),
    };
    if (f.fibre !== null) per100g.fibreG = shown(f.fibre);
    for (const k of ['fatG', 'satFatG', 'carbG', 'sugarG', 'proteinG', 'fibreG'] as const) {
      if (printed[k] !== undefined) printed[k] = shown(printed[k]);
    }
    printed.saltG = Number(f.salt.toFixed(2));
    truths.push({
      file,
      layout: 'eu',
      basis: f.liquid ? '100ml' : '100g',
      servingG: style === 'single' ? null : f.portionG,
      printed,
      per100g,
      font,
      distortion: d.name,
    });
    n++;
  }
  fs.writeFileSync(path.join(outDir, 'truth.json'), JSON.stringify(truths, null, 2) + '\n');
  return truths;
}

if (import.meta.main) {
  const out = process.argv[2] ?? path.resolve(import.meta.dirname, '..', 'core', 'labels', 'testing', 'label-set');
  const t = await makeLabelSet(out);
  const size = fs.readdirSync(out).reduce((s, f) => s + fs.statSync(path.join(out, f)).size, 0);
  process.stdout.write(`${t.length} labels in ${out} (${Math.round(size / 1024)} KB)\n`);
}
