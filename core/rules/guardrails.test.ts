import { describe, expect, it } from 'vitest';
import {
  allergenGroups,
  applyGuardrails,
  DISCLAIMER,
  stripNumbersForEdSensitive,
  whyNotApplicable,
  type GuardrailClient,
} from './guardrails.ts';
import type { RuleDef, Suggestion } from './types.ts';

const s = (text: string, tags: string[] = [], contains: string[] = []): Suggestion => ({ text, tags, contains });

function rule(over: Partial<Pick<RuleDef, 'guardrails'>> = {}): Pick<RuleDef, 'then' | 'guardrails'> {
  return {
    then: {
      message: '',
      clientMessage: null,
      rationale: '',
      severity: 'low',
      category: 'fibre',
      suggestions: [
        s('Add a serving of beans or lentils'),
        s('Choose wholegrain bread', ['wholegrain'], ['wheat', 'gluten']),
        s('Snack on almonds', [], ['tree nut']),
        s('Have yogurt with bran cereal', ['animal-product', 'dairy'], ['milk']),
        s('Add tuna to a salad', ['animal-product', 'fish'], ['fish']),
        s('Add an egg at breakfast', ['animal-product', 'egg'], ['egg']),
      ],
      alternatives: [
        s('Soy yogurt with bran cereal', ['plant-based'], ['soy']),
        s('Add chickpeas to a salad', ['plant-based']),
        s('Add hummus with tahini', ['plant-based'], ['sesame']),
      ],
    },
    guardrails: { calorieFocused: false, pregnancy: 'none', ...over.guardrails },
  };
}

const client = (over: Partial<GuardrailClient> = {}): GuardrailClient => ({
  dietPattern: 'omnivore',
  allergies: [],
  lifeStage: 'none',
  edSensitive: false,
  ...over,
});

const texts = (xs: Suggestion[]): string[] => xs.map((x) => x.text);

describe('applyGuardrails', () => {
  it('leaves an omnivore without allergies alone, with the disclaimer last', () => {
    const r = applyGuardrails(rule(), client(), 'Fibre averaged 14 g.');
    expect(r.skip).toBeNull();
    expect(r.suggestions).toHaveLength(6);
    expect(r.notes).toEqual([DISCLAIMER]);
    expect(r.message).toBe('Fibre averaged 14 g.');
    expect(DISCLAIMER).toMatch(/^Not a diagnosis\. A prompt for the practitioner's professional judgement/);
  });

  it('replaces animal products for a vegan client with alternatives that pass the same filters', () => {
    const r = applyGuardrails(rule(), client({ dietPattern: 'vegan' }), 'm');
    expect(texts(r.suggestions)).toEqual([
      'Add a serving of beans or lentils',
      'Choose wholegrain bread',
      'Snack on almonds',
      'Soy yogurt with bran cereal',
      'Add chickpeas to a salad',
      'Add hummus with tahini',
    ]);
    expect(r.notes[0]).toBe('3 suggestions with animal products were replaced for this vegan client');
  });

  it('removes only meat and fish for a vegetarian, and eggs too for a lacto-vegetarian', () => {
    const v = applyGuardrails(rule(), client({ dietPattern: 'vegetarian' }), 'm');
    expect(texts(v.suggestions)).toContain('Have yogurt with bran cereal');
    expect(texts(v.suggestions)).toContain('Add an egg at breakfast');
    expect(texts(v.suggestions)).not.toContain('Add tuna to a salad');
    expect(v.notes[0]).toBe('1 suggestion with meat or fish was replaced for this vegetarian client');
    const lacto = applyGuardrails(rule(), client({ dietPattern: 'lacto-vegetarian' }), 'm');
    expect(texts(lacto.suggestions)).not.toContain('Add an egg at breakfast');
    expect(texts(lacto.suggestions)).toContain('Have yogurt with bran cereal');
  });

  it('filters allergens case-insensitively through synonyms, alternatives included', () => {
    const r = applyGuardrails(
      rule(),
      client({ dietPattern: 'vegan', allergies: ['Soya', 'Almonds', 'coeliac disease'] }),
      'm',
    );
    expect(texts(r.suggestions)).toEqual([
      'Add a serving of beans or lentils',
      'Add chickpeas to a salad',
      'Add hummus with tahini',
    ]);
    expect(r.notes).toEqual([
      '3 suggestions with animal products were removed for this vegan client (2 replaced by an alternative)',
      "2 suggestions removed because of the client's allergies (Almonds, coeliac disease)",
      DISCLAIMER,
    ]);
    const dairy = applyGuardrails(rule(), client({ allergies: ['lactose intolerance'] }), 'm');
    expect(texts(dairy.suggestions)).not.toContain('Have yogurt with bran cereal');
  });

  it('maps allergy words to groups', () => {
    expect([...allergenGroups('Peanuts')]).toEqual(['peanut']);
    expect([...allergenGroups('tree nuts')]).toEqual(['tree-nut']);
    expect([...allergenGroups('nuts')].sort()).toEqual(['peanut', 'tree-nut']);
    expect([...allergenGroups('cashew')]).toEqual(['tree-nut']);
    expect([...allergenGroups('wheat')]).toEqual(['gluten']);
    expect([...allergenGroups('Kiwis')]).toEqual(['kiwi']);
  });

  it('skips or cautions for pregnancy and lactation', () => {
    const skip = applyGuardrails(
      rule({ guardrails: { calorieFocused: false, pregnancy: 'skip' } }),
      client({ lifeStage: 'lactating' }),
      'm',
    );
    expect(skip.skip).toMatch(/lactating client.*pregnancy: skip/);
    expect(skip.suggestions).toEqual([]);
    const notPregnant = applyGuardrails(
      rule({ guardrails: { calorieFocused: false, pregnancy: 'skip' } }),
      client(),
      'm',
    );
    expect(notPregnant.skip).toBeNull();
    const caution = applyGuardrails(
      rule({ guardrails: { calorieFocused: false, pregnancy: 'caution' } }),
      client({ lifeStage: 'pregnant' }),
      'm',
    );
    expect(caution.notes).toEqual([
      "Pregnancy or lactation: check this with the client's obstetric care team.",
      DISCLAIMER,
    ]);
  });

  it('hides calorie-focused rules and energy numbers for eating-disorder-sensitive clients', () => {
    const cal = applyGuardrails(
      rule({ guardrails: { calorieFocused: true, pregnancy: 'none' } }),
      client({ edSensitive: true }),
      'm',
    );
    expect(cal.skip).toMatch(/eating-disorder sensitive/);
    const other = applyGuardrails(
      rule(),
      client({ edSensitive: true }),
      'Fibre is 14 g, the AI is 14 g per 1,000 kcal (target 2,000 kcal/day).',
    );
    expect(other.skip).toBeNull();
    expect(other.message).toBe('Fibre is 14 g, the AI is 14 g relative to energy intake (target).');
  });
});

describe('stripNumbersForEdSensitive', () => {
  it.each([
    ['Energy averaged 2,450 kcal/day over 7 days.', 'Energy averaged over 7 days.'],
    ['Aim for about 300 calories at breakfast.', 'Aim for at breakfast.'],
    ['A range of 1800–2000 kcal a day (132%).', 'A range of (132%).'],
    ['Use 8,400 kJ as a guide', 'Use as a guide'],
    ['Protein was 52 g.', 'Protein was 52 g.'],
  ])('%s', (input, output) => {
    expect(stripNumbersForEdSensitive(input)).toBe(output);
  });
});

describe('whyNotApplicable', () => {
  const applies = (over: Partial<RuleDef['appliesTo']>): Pick<RuleDef, 'appliesTo'> => ({
    appliesTo: {
      dietPatterns: null,
      minAge: null,
      maxAge: null,
      lifeStages: null,
      tags: null,
      conditions: null,
      goals: null,
      ...over,
    },
  });
  const c = {
    dietPattern: 'omnivore',
    ageYears: 40,
    lifeStage: 'none',
    tags: ['Athlete'],
    conditions: ['hypertension'],
    goal: 'sport',
  };
  it('explains each exclusion and passes otherwise', () => {
    expect(whyNotApplicable(applies({}), c)).toBeNull();
    expect(whyNotApplicable(applies({ dietPatterns: ['vegan'] }), c)).toBe(
      'For diet patterns vegan only (client: omnivore).',
    );
    expect(whyNotApplicable(applies({ minAge: 51 }), c)).toBe('For ages 51 and over (client: 40).');
    expect(whyNotApplicable(applies({ maxAge: 30 }), c)).toBe('For ages up to 30 (client: 40).');
    expect(whyNotApplicable(applies({ minAge: 18 }), { ...c, ageYears: null })).toMatch(/Needs the client's age/);
    expect(whyNotApplicable(applies({ lifeStages: ['pregnant'] }), c)).toMatch(/^For life stages pregnant only/);
    expect(whyNotApplicable(applies({ tags: ['athlete'] }), c)).toBeNull();
    expect(whyNotApplicable(applies({ tags: ['diabetes-care'] }), c)).toBe('For clients tagged diabetes-care only.');
    expect(whyNotApplicable(applies({ conditions: ['hypertension', 'chronic-kidney-disease'] }), c)).toBeNull();
    expect(whyNotApplicable(applies({ conditions: ['type-2-diabetes'] }), c)).toBe(
      'For clients with type-2-diabetes only.',
    );
    expect(whyNotApplicable(applies({ goals: ['sport'] }), c)).toBeNull();
    expect(whyNotApplicable(applies({ goals: ['loss', 'gain'] }), c)).toBe(
      'For goals loss, gain only (client: sport).',
    );
  });
});
