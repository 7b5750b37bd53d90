import { describe, expect, it } from 'vitest';
import { toPer100g } from './convert.ts';
import type { OcrLine } from './ocr.ts';
import { looksLikePanel, numberTokens, parseLabel } from './parse.ts';

/** OCR lines from plain text, one per row, boxes stacked 30 px apart. */
function lines(...rows: string[]): OcrLine[] {
  return rows.map((text, i) => ({
    text,
    confidence: 90,
    box: { x: 10, y: 10 + i * 30, w: 300, h: 24 },
    words: text
      .split(' ')
      .map((t, j) => ({ text: t, confidence: 90, box: { x: 10 + j * 50, y: 10 + i * 30, w: 45, h: 24 } })),
  }));
}
const values = (p: ReturnType<typeof parseLabel>): Record<string, number> =>
  Object.fromEntries(p.fields.map((f) => [f.key, f.value]));

describe('nutrition label parsing', () => {
  it('reads a US Nutrition Facts label per serving, with its serving size', () => {
    const p = parseLabel(
      lines(
        'Nutrition Facts',
        '8 servings per container',
        'Serving size 2/3 cup (55g)',
        'Amount per serving',
        'Calories 230',
        '% Daily Value*',
        'Total Fat 8g 10%',
        'Saturated Fat 1g 5%',
        'Trans Fat 0g',
        'Cholesterol 0mg 0%',
        'Sodium 160mg 7%',
        'Total Carbohydrate 37g 13%',
        'Dietary Fiber 4g 14%',
        'Total Sugars 12g',
        'Includes 10g Added Sugars 20%',
        'Protein 3g',
      ),
    );
    expect(p.layout).toBe('us');
    expect(p.basis).toBe('serving');
    expect(p.serving?.grams).toBe(55);
    expect(values(p)).toEqual({
      energyKcal: 230,
      fatG: 8,
      satFatG: 1,
      transFatG: 0,
      cholesterolMg: 0,
      sodiumMg: 160,
      carbG: 37,
      fibreG: 4,
      sugarG: 12,
      addedSugarG: 10,
      proteinG: 3,
    });
    // Each field keeps the box of the line it came from.
    expect(p.fields.find((f) => f.key === 'sodiumMg')?.box).toEqual({ x: 10, y: 10 + 10 * 30, w: 300, h: 24 });
    // Per 100 g: × 100 / 55.
    expect(toPer100g(values(p), p.basis, p.serving!.grams)?.energyKcal).toBeCloseTo(418.182, 3);
  });

  it('undoes OCR confusions inside numbers only (O for 0, l/i for 1, a "g" read as 9)', () => {
    const p = parseLabel(
      lines(
        'Nutrition Facts',
        'Calories 140',
        'Total Fat 69 8%',
        '_ SaturatedFatlg 5%',
        'Trans Fat Og',
        'Sodiumi6omg === 7%',
        'Cholesterol Om 0%',
      ),
    );
    expect(values(p)).toEqual({ energyKcal: 140, fatG: 6, satFatG: 1, transFatG: 0, sodiumMg: 160, cholesterolMg: 0 });
  });

  it('reads an EU table per 100 g beside a per-portion column, kcal on the line under kJ, salt to sodium', () => {
    const p = parseLabel(
      lines(
        'Nutrition information',
        'Typical values Per 100g Per 25g portion',
        'Energy 1966 kJ 492 kJ',
        '469 kcal 117 kcal',
        'Fat 20g 5.1g',
        'of which saturates 9.4g 2.4g',
        'Carbohydrate 62g 16g',
        'of which sugars 22g 5.5g',
        'Fibre 5.2g 1.3g',
        'Protein 7.99 1.8g',
        'Salt 0.88g 0.22g',
      ),
    );
    expect(p.layout).toBe('eu');
    expect(p.basis).toBe('100g');
    expect(p.serving?.grams).toBe(25);
    expect(values(p)).toEqual({
      energyKj: 1966,
      energyKcal: 469,
      fatG: 20,
      satFatG: 9.4,
      carbG: 62,
      sugarG: 22,
      fibreG: 5.2,
      proteinG: 7.9,
      saltG: 0.88,
    });
    const per100 = toPer100g(values(p), p.basis, p.serving!.grams)!;
    // Regulation (EU) No 1169/2011 Annex I point 11: salt = sodium × 2.5 → 0.88 g salt = 352 mg sodium.
    expect(per100.sodiumMg).toBeCloseTo(352, 6);
    expect(per100.energyKcal).toBe(469);
  });

  it('takes the per-100 g column when it comes second, and kJ/kcal written together', () => {
    const p = parseLabel(
      lines(
        'Nutrition information',
        'Per 30g serving Per 100g',
        'Energy 401kJ/95kcal 1003kJ/238kcal',
        'Fat 0.5g 1.8g',
        'Salt 0.36g 1.20g',
      ),
    );
    expect(p.basis).toBe('100g');
    expect(values(p)).toMatchObject({ energyKcal: 238, energyKj: 1003, fatG: 1.8, saltG: 1.2 });
  });

  it('reads a UK single-column label per 100 ml, and converts kJ when no kcal is printed', () => {
    const p = parseLabel(
      lines('Nutrition information', 'Typical values per 100ml', 'Energy 187kJ', 'Carbohydrate 9.6g', 'Salt 0.01g'),
    );
    expect(p.basis).toBe('100ml');
    expect(p.serving).toBeNull();
    const per100 = toPer100g(values(p), p.basis, null)!;
    expect(per100.energyKcal).toBeCloseTo(187 / 4.184, 3);
    expect(per100.sodiumMg).toBeCloseTo(4, 6);
  });

  it('cannot give per-100 g values for a per-serving label without the serving weight', () => {
    const p = parseLabel(lines('Nutrition Facts', 'Serving size 1 cup', 'Calories 90', 'Protein 4g'));
    expect(p.serving).toBeNull();
    expect(toPer100g(values(p), p.basis, null)).toBeNull();
    expect(toPer100g(values(p), p.basis, 245)?.proteinG).toBeCloseTo(1.633, 3);
  });

  it('finds no fields in text that is not a label (a recipe, a receipt), nor a panel', () => {
    const recipe = lines("Grandma's apple pie", 'Bake at 180 C for 45 minutes', 'Serves 8', 'TOTAL 12.50 EUR');
    expect(parseLabel(recipe).fields).toEqual([]);
    expect(looksLikePanel(recipe)).toBe(false);
    expect(looksLikePanel(lines('Nutrition Facts', 'Serv'))).toBe(true);
  });

  it('keeps percent daily values and unreadable runs out of the numbers', () => {
    expect(numberTokens('8g 10%').map((t) => [t.value, t.unit, t.percent])).toEqual([
      [8, 'g', false],
      [10, '%', true],
    ]);
    expect(numberTokens('1003k]/238kcal').map((t) => [t.value, t.unit])).toEqual([
      [1003, 'kJ'],
      [238, 'kcal'],
    ]);
    expect(numberTokens('1.8.2 x')).toEqual([]);
  });
});
