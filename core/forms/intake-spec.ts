import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  CONDITIONS,
  DIET_PATTERNS,
  GOALS,
  type ActivityLevel,
  type Allergen,
  type Condition,
  type DietPattern,
  type Goal,
} from '../contract/common.ts';
import { ALLERGEN_LABELS } from '../contract/labels.ts';

/**
 * The intake questionnaire's fields, in the order they are printed. The names are stable: a form
 * issued by one version is read by the next, so a name is never reused for another meaning (a new
 * question gets a new name, and FORM_VERSION changes when the set changes). See
 * docs/decisions/intake-forms.md.
 */
export const FORM_VERSION = 1;

/** The hidden, read-only field that says which practice issued the form, for which client, signed. */
export const TOKEN_FIELD = 'bioai_form';

export type FieldKind = 'text' | 'multiline' | 'choice' | 'check';

export interface FormField {
  name: string;
  kind: FieldKind;
  /** The question as printed. */
  label: string;
  /** For a choice: [stored value, printed option]. The first option '' means "not answered". */
  options?: readonly (readonly [string, string])[];
  /** Printed under the box (format hints). */
  hint?: string;
}

export interface FormSection {
  title: string;
  fields: FormField[];
}

const DIET_OPTION_LABELS: Record<DietPattern, string> = {
  omnivore: 'I eat everything',
  flexitarian: 'Mostly plant-based, some meat or fish',
  pescatarian: 'Fish but no meat',
  vegetarian: 'Vegetarian (dairy and eggs)',
  'lacto-vegetarian': 'Vegetarian with dairy, no eggs',
  'ovo-vegetarian': 'Vegetarian with eggs, no dairy',
  vegan: 'Vegan (no animal foods)',
  other: 'Other (describe below)',
};

const ACTIVITY_OPTION_LABELS: Record<ActivityLevel, string> = {
  sedentary: 'Mostly sitting, little exercise',
  'low-active': 'Light activity (about 30 min walking a day)',
  active: 'Active (about 1 hour of activity a day)',
  'very-active': 'Very active (hard training or physical work)',
};

const GOAL_OPTION_LABELS: Record<Goal, string> = {
  maintenance: 'Keep my weight and eat well',
  loss: 'Lose weight',
  gain: 'Gain weight',
  sport: 'Sport performance',
};

export const CONDITION_LABELS: Record<Condition, string> = {
  hypertension: 'High blood pressure (hypertension)',
  'type-2-diabetes': 'Type 2 diabetes',
  'chronic-kidney-disease': 'Chronic kidney disease',
  'coeliac-disease': 'Coeliac disease',
  'iron-deficiency': 'Iron deficiency',
  'lactose-intolerance': 'Lactose intolerance',
};

export const allergyField = (a: Allergen): string => `allergy_${a.replace('-', '_')}`;
export const conditionField = (c: Condition): string => `condition_${c.replaceAll('-', '_')}`;

const choice = (values: readonly string[], labels: Record<string, string>): (readonly [string, string])[] => [
  ['', '(choose)'],
  ...values.map((v) => [v, labels[v] ?? v] as const),
];

export const INTAKE_SECTIONS: readonly FormSection[] = [
  {
    title: 'Contact',
    fields: [
      { name: 'contact_name', kind: 'text', label: 'Full name' },
      { name: 'contact_email', kind: 'text', label: 'E-mail' },
      { name: 'contact_phone', kind: 'text', label: 'Phone' },
      { name: 'birth_date', kind: 'text', label: 'Date of birth', hint: 'YYYY-MM-DD, e.g. 1988-04-12' },
      {
        name: 'sex',
        kind: 'choice',
        label: 'Sex (used in the energy equations)',
        options: [
          ['', '(choose)'],
          ['female', 'Female'],
          ['male', 'Male'],
        ],
      },
      { name: 'height_cm', kind: 'text', label: 'Height (cm)' },
      { name: 'weight_kg', kind: 'text', label: 'Weight (kg)' },
    ],
  },
  {
    title: 'Medical conditions and medications',
    fields: [
      ...CONDITIONS.map((c): FormField => ({ name: conditionField(c), kind: 'check', label: CONDITION_LABELS[c] })),
      {
        name: 'conditions_other',
        kind: 'multiline',
        label: 'Other conditions, or details (e.g. kidney disease stage)',
      },
      { name: 'medications', kind: 'multiline', label: 'Medications and supplements you take' },
    ],
  },
  {
    title: 'Allergies and intolerances',
    fields: [
      ...ALLERGENS.map((a): FormField => ({
        name: allergyField(a),
        kind: 'check',
        label: `Allergy: ${ALLERGEN_LABELS[a]}`,
      })),
      {
        name: 'allergies_other',
        kind: 'text',
        label: 'Other food allergies',
        hint: 'separate with commas, e.g. kiwi, mussels',
      },
      { name: 'intolerances', kind: 'multiline', label: 'Food intolerances and foods you avoid' },
    ],
  },
  {
    title: 'Eating',
    fields: [
      {
        name: 'diet_pattern',
        kind: 'choice',
        label: 'How you eat',
        options: choice(DIET_PATTERNS, DIET_OPTION_LABELS),
      },
      { name: 'usual_breakfast', kind: 'multiline', label: 'A usual breakfast' },
      { name: 'usual_lunch', kind: 'multiline', label: 'A usual lunch' },
      { name: 'usual_dinner', kind: 'multiline', label: 'A usual dinner' },
      { name: 'usual_snacks', kind: 'multiline', label: 'Snacks and drinks during the day' },
    ],
  },
  {
    title: 'Activity and sleep',
    fields: [
      {
        name: 'activity_level',
        kind: 'choice',
        label: 'Your usual activity',
        options: choice(ACTIVITY_LEVELS, ACTIVITY_OPTION_LABELS),
      },
      { name: 'activity_details', kind: 'multiline', label: 'Sports or exercise (what, how often)' },
      { name: 'sleep_hours', kind: 'text', label: 'Hours of sleep on a usual night' },
      { name: 'sleep_details', kind: 'multiline', label: 'Anything about your sleep' },
    ],
  },
  {
    title: 'Goals',
    fields: [
      { name: 'goal', kind: 'choice', label: 'Your main goal', options: choice(GOALS, GOAL_OPTION_LABELS) },
      { name: 'goals_text', kind: 'multiline', label: 'What you would like to achieve, in your words' },
    ],
  },
  {
    title: 'Consent',
    fields: [
      {
        name: 'consent_data_processing',
        kind: 'check',
        label:
          'I agree that my practitioner keeps the information in this form in my client record, to give me nutrition advice.',
      },
    ],
  },
];

export const INTAKE_FIELDS: readonly FormField[] = INTAKE_SECTIONS.flatMap((s) => s.fields);

/**
 * The field set as one string (name:kind, in order): signed with the form's identity, so a form whose
 * questions were changed after issue is told from ours.
 */
export const FIELDS_FINGERPRINT = INTAKE_FIELDS.map((f) => `${f.name}:${f.kind}`).join(',');

/**
 * Free-text answers with no profile field, kept in the client's notes under these headings (the
 * profile has no medications, usual meals, sleep or goal text of its own; see the decision note).
 */
export const NOTE_FIELDS: readonly (readonly [string, string])[] = [
  ['conditions_other', 'Other conditions'],
  ['medications', 'Medications and supplements'],
  ['intolerances', 'Intolerances and foods avoided'],
  ['usual_breakfast', 'Usual breakfast'],
  ['usual_lunch', 'Usual lunch'],
  ['usual_dinner', 'Usual dinner'],
  ['usual_snacks', 'Snacks and drinks'],
  ['activity_details', 'Sports or exercise'],
  ['sleep_hours', 'Hours of sleep'],
  ['sleep_details', 'Sleep'],
  ['goals_text', 'Goals in their words'],
];
