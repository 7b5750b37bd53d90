import type { TargetKey, TargetValue } from '../contract/targets.ts';
import { adjust, num, withNote, withSuggestion } from './target-value.ts';
import type { Condition, LifeStage } from '../contract/common.ts';

/**
 * What the client's medical conditions change, as suggestions the practitioner may apply (an override
 * with a note) and notes, each with its reference. Nothing here changes a target's number by itself:
 * the practitioner who knows the client decides. The one automatic change is a removal of judgement:
 * in chronic kidney disease stage 3–5 the potassium AI is shown for information only, because blood
 * tests, not an intake minimum, decide the amount (KDOQI 2020).
 *
 * The conditions are labels the practitioner records from the client's diagnosis, never inferred.
 */

export const CONDITION_REFERENCES = {
  hypertension:
    'AHA/ACC 2017 guideline for high blood pressure in adults (Whelton PK et al., Hypertension 2018;71:e13–e115), Table 15, sodium',
  diabetes: 'ADA Standards of Care in Diabetes—2024, section 5, nutrition therapy (Diabetes Care 2024;47 Suppl 1)',
  kdoqiProtein:
    'KDOQI clinical practice guideline for nutrition in CKD: 2020 update (Ikizler TA et al., Am J Kidney Dis 2020;76(3 Suppl 1):S1–S107), guideline 3, protein',
  kdoqiElectrolytes:
    'KDOQI clinical practice guideline for nutrition in CKD: 2020 update (Ikizler TA et al., Am J Kidney Dis 2020;76(3 Suppl 1):S1–S107), guideline 6, sodium and potassium',
  coeliac:
    'Thompson T. Folate, iron, and dietary fiber contents of the gluten-free diet. J Am Diet Assoc 2000;100:1389–1396',
  ironDeficiency:
    'WHO 2020, Guideline on use of ferritin concentrations to assess iron status in individuals and populations',
  lactose:
    'NIH Consensus Development Conference Statement: Lactose Intolerance and Health (Suchy FJ et al., NIH Consens State Sci Statements 2010;27(2):1–27)',
} as const;

/** Sodium, mg/day, for adults with hypertension: "optimal goal < 1,500 mg/d" (AHA/ACC 2017, Table 15). */
export const HYPERTENSION_SODIUM_MG = 1500;
/** Sodium, mg/day, in CKD stage 3–5: < 100 mmol (2.3 g) a day (KDOQI 2020, guideline 6). */
export const CKD_SODIUM_MG = 2300;
/**
 * Protein in CKD stage 3–5, not on dialysis, metabolically stable, under close clinical supervision
 * (KDOQI 2020, guideline 3): 0.55–0.6 g/kg/day; 0.6–0.8 g/kg/day with diabetes. The suggestion is the
 * upper end of the range (the least restriction the guideline supports), and the reason gives the range.
 */
export const CKD_PROTEIN_G_PER_KG = { withoutDiabetes: [0.55, 0.6], withDiabetes: [0.6, 0.8] } as const;
/** Both guidelines (AHA/ACC 2017, KDOQI 2020) are for adults. */
export const ADULT_AGE = 18;

export interface ConditionContext {
  conditions: readonly Condition[];
  ckdStage: number | null;
  ageYears: number;
  /** The effective life stage ('none' for males). */
  lifeStage: LifeStage;
  weightKg: number;
}

type Update = (key: TargetKey, change: (t: TargetValue) => TargetValue) => void;

function hypertension(update: Update, ctx: ConditionContext): void {
  const source = CONDITION_REFERENCES.hypertension;
  update('sodiumMg', (t) => {
    if (ctx.ageYears < ADULT_AGE) {
      return withNote(t, {
        text: "Hypertension: the guideline's sodium goal (under 1,500 mg a day) is for adults, so no suggestion is made under 18 y. Agree sodium with the client's paediatric team.",
        source,
      });
    }
    if (ctx.lifeStage === 'pregnant') {
      return withNote(t, {
        text: "Hypertension in pregnancy: no sodium suggestion is made, as the guideline's sodium goal rests on trials in non-pregnant adults. Agree sodium with the obstetric team.",
        source,
      });
    }
    return withSuggestion(t, {
      value: HYPERTENSION_SODIUM_MG,
      reason:
        'Hypertension: an optimal goal of under 1,500 mg sodium a day, or at least 1,000 mg a day less than the client eats now.',
      source,
    });
  });
}

function diabetes(update: Update): void {
  const source = CONDITION_REFERENCES.diabetes;
  update('carbG', (t) =>
    withNote(t, {
      text: 'Type 2 diabetes: there is no ideal share of energy from carbohydrate; the amount is individualised. The range shown is the general AMDR.',
      source,
    }),
  );
  update('fibreG', (t) =>
    withNote(t, {
      text: 'Type 2 diabetes: at least the fibre advised for the general population (this target).',
      source,
    }),
  );
  update('satFatG', (t) =>
    withNote(t, {
      text: 'Type 2 diabetes: saturated fat under 10 % of energy, as for the general population.',
      source,
    }),
  );
  update('sodiumMg', (t) =>
    withNote(t, {
      text: `Type 2 diabetes: sodium under 2,300 mg a day, as for the general population${t.value <= 2300 ? ' (this target meets it)' : ''}.`,
      source,
    }),
  );
}

function kidney(update: Update, ctx: ConditionContext, withDiabetes: boolean): void {
  const stage = ctx.ckdStage;
  const protein = CONDITION_REFERENCES.kdoqiProtein;
  const electrolytes = CONDITION_REFERENCES.kdoqiElectrolytes;
  const noteOnProtein = (text: string): void => update('proteinG', (t) => withNote(t, { text, source: protein }));
  if (stage === null) {
    noteOnProtein(
      'Chronic kidney disease: add the CKD stage to the profile to see the protein, sodium and potassium suggestions.',
    );
    return;
  }
  if (ctx.ageYears < ADULT_AGE) {
    noteOnProtein(
      'Chronic kidney disease under 18 y: the KDOQI 2020 guideline is for adults; protein and electrolytes are set with the paediatric renal team.',
    );
    return;
  }
  if (ctx.lifeStage !== 'none') {
    noteOnProtein(
      'Chronic kidney disease in pregnancy or lactation: no protein restriction is suggested, as needs rise and the KDOQI 2020 protein advice is for non-pregnant adults. Agree intake with the renal and obstetric teams.',
    );
    return;
  }
  if (stage <= 2) {
    noteOnProtein(
      `Chronic kidney disease stage ${stage}: the KDOQI 2020 protein, sodium and potassium advice is for stages 3–5; the general targets apply.`,
    );
    return;
  }
  const [low, high] = withDiabetes ? CKD_PROTEIN_G_PER_KG.withDiabetes : CKD_PROTEIN_G_PER_KG.withoutDiabetes;
  const kg = ctx.weightKg;
  update('proteinG', (t) =>
    withSuggestion(t, {
      value: high * kg,
      reason: `Chronic kidney disease stage ${stage}, not on dialysis${withDiabetes ? ', with diabetes' : ''}: ${low}–${high} g/kg a day (${num(low * kg)}–${num(high * kg)} g), under close clinical supervision. Not for clients on dialysis, whose needs are higher (1.0–1.2 g/kg).`,
      source: protein,
    }),
  );
  update('sodiumMg', (t) =>
    withSuggestion(t, {
      value: Math.min(t.value, CKD_SODIUM_MG),
      reason: `Chronic kidney disease stage ${stage}: sodium under 2,300 mg a day to help blood pressure and fluid balance.`,
      source: electrolytes,
    }),
  );
  update('potassiumMg', (t) =>
    adjust(
      t,
      { kind: 'info', min: null },
      `chronic kidney disease stage ${stage}: shown for information, not as a minimum; potassium is adjusted to keep blood potassium in the normal range (KDOQI 2020, guideline 6)`,
    ),
  );
}

const COELIAC_TEXT: Partial<Record<TargetKey, string>> = {
  fibreG:
    'Coeliac disease: gluten-free breads and cereals are often refined and give less fibre than the wheat foods they replace; favour naturally gluten-free whole grains (buckwheat, quinoa, millet, teff, amaranth, brown rice) and legumes.',
  ironMg:
    'Coeliac disease: gluten-free grain products are often not enriched with iron; legumes, gluten-free whole grains and, where eaten, meat and fish help.',
  folateMcg:
    'Coeliac disease: gluten-free grain products are often not fortified with folic acid; legumes, leafy greens and fortified gluten-free cereals help.',
};

/** The conditions' suggestions and notes on freshly computed targets (computeTargets calls this last). */
export function applyConditions(targets: TargetValue[], ctx: ConditionContext): TargetValue[] {
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const update: Update = (key, change) => {
    const t = byKey.get(key);
    if (t) byKey.set(key, change(t));
  };
  const has = (c: Condition): boolean => ctx.conditions.includes(c);
  if (has('hypertension')) hypertension(update, ctx);
  if (has('type-2-diabetes')) diabetes(update);
  if (has('chronic-kidney-disease')) kidney(update, ctx, has('type-2-diabetes'));
  if (has('coeliac-disease')) {
    for (const [key, text] of Object.entries(COELIAC_TEXT) as [TargetKey, string][])
      update(key, (t) => withNote(t, { text, source: CONDITION_REFERENCES.coeliac }));
  }
  if (has('iron-deficiency')) {
    update('ironMg', (t) =>
      withNote(t, {
        text: "Iron-deficiency history: food intake alone does not treat iron deficiency. Iron status is assessed by blood tests (ferritin, read with haemoglobin and inflammation markers) and deficiency is treated by the client's doctor; the target stays the reference intake.",
        source: CONDITION_REFERENCES.ironDeficiency,
      }),
    );
  }
  if (has('lactose-intolerance')) {
    update('calciumMg', (t) =>
      withNote(t, {
        text: 'Lactose intolerance: keep calcium up with lactose-free milk and yoghurt, hard cheeses (little lactose), calcium-fortified plant drinks and calcium-set tofu; most people with lactose intolerance tolerate about 12 g of lactose (a cup of milk) at a time.',
        source: CONDITION_REFERENCES.lactose,
      }),
    );
  }
  return targets.map((t) => byKey.get(t.key) ?? t);
}
