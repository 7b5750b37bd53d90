import { type Client, type ClientPatch } from '../../contract/clients.ts';
import {
  ACTIVITY_LEVELS,
  CONDITIONS,
  DIET_PATTERNS,
  ENERGY_EQUATIONS,
  GOALS,
  LIFE_STAGES,
  SEXES,
} from '../../contract/common.ts';
import { CliError } from '../rpc.ts';

/**
 * The profile options `clients add` and `clients edit` share, and their translation into the contract's
 * client fields. Values the contract would refuse for their form (an unknown goal, a word where a number
 * belongs) are usage errors here (exit 2), named with the accepted values; ranges (a height of 900 cm)
 * are left to the contract, whose message names the field (exit 1), as in the app.
 */

export const PROFILE_OPTIONS = [
  'name',
  'sex',
  'birth-date',
  'height-cm',
  'weight-kg',
  'activity',
  'diet',
  'allergies',
  'life-stage',
  'trimester',
  'months-postpartum',
  'ed-sensitive',
  'conditions',
  'ckd-stage',
  'goal',
  'goal-rate',
  'equation',
  'tags',
  'email',
  'phone',
  'notes',
] as const;

export type ProfileValues = Partial<Record<(typeof PROFILE_OPTIONS)[number], string>>;

/** Words that clear an optional field: `--ckd-stage none`, `--email ""`. */
const CLEAR = new Set(['', 'none']);

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${flag} must be one of ${allowed.join(', ')} (not "${value}").`, 2);
}

export function numberArg(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${flag} must be a number, not "${value}".`, 2);
  return n;
}

function wholeArg(value: string, flag: string): number {
  const n = numberArg(value, flag);
  if (!Number.isInteger(n)) throw new CliError(`--${flag} must be a whole number, not "${value}".`, 2);
  return n;
}

function nullableNumber(value: string, flag: string, whole = false): number | null {
  if (CLEAR.has(value.trim())) return null;
  return whole ? wholeArg(value, flag) : numberArg(value, flag);
}

/** "peanut, milk" → ['peanut', 'milk']; "" → []. */
function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function bool(value: string, flag: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  throw new CliError(`--${flag} must be true or false (not "${value}").`, 2);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function dateArg(value: string, flag: string): string {
  if (!DATE_RE.test(value)) throw new CliError(`--${flag} must be a date like 2026-03-15, not "${value}".`, 2);
  return value;
}

/**
 * The client fields the options set; only the options given. `current` is the client being edited (null
 * when adding): a trimester or months post-partum alone updates the life stage the client already has.
 */
export function profilePatch(v: ProfileValues, current: Client | null): ClientPatch {
  const patch: ClientPatch = {};
  if (v.name !== undefined) patch.name = v.name;
  if (v.sex !== undefined) patch.sex = CLEAR.has(v.sex) ? null : oneOf(v.sex, SEXES, 'sex');
  if (v['birth-date'] !== undefined)
    patch.birthDate = CLEAR.has(v['birth-date']) ? null : dateArg(v['birth-date'], 'birth-date');
  if (v['height-cm'] !== undefined) patch.heightCm = nullableNumber(v['height-cm'], 'height-cm');
  if (v['weight-kg'] !== undefined) patch.weightKg = nullableNumber(v['weight-kg'], 'weight-kg');
  if (v.activity !== undefined) patch.activityLevel = oneOf(v.activity, ACTIVITY_LEVELS, 'activity');
  if (v.diet !== undefined) patch.dietPattern = oneOf(v.diet, DIET_PATTERNS, 'diet');
  if (v.allergies !== undefined) patch.allergies = list(v.allergies);
  if (v.tags !== undefined) patch.tags = list(v.tags);
  if (v['ed-sensitive'] !== undefined) patch.edSensitive = bool(v['ed-sensitive'], 'ed-sensitive');
  if (v.goal !== undefined) patch.goal = oneOf(v.goal, GOALS, 'goal');
  if (v['goal-rate'] !== undefined) patch.goalRateKgWeek = nullableNumber(v['goal-rate'], 'goal-rate');
  if (v.equation !== undefined) patch.energyEquation = oneOf(v.equation, ENERGY_EQUATIONS, 'equation');
  if (v.conditions !== undefined) patch.conditions = list(v.conditions).map((c) => oneOf(c, CONDITIONS, 'conditions'));
  if (v['ckd-stage'] !== undefined) patch.ckdStage = nullableNumber(v['ckd-stage'], 'ckd-stage', true);
  for (const k of ['email', 'phone', 'notes'] as const) {
    const value = v[k];
    if (value !== undefined) patch[k] = value.trim() === '' ? null : value;
  }
  lifeStage(v, current, patch);
  return patch;
}

function lifeStage(v: ProfileValues, current: Client | null, patch: ClientPatch): void {
  const trimester = v.trimester === undefined ? undefined : wholeArg(v.trimester, 'trimester');
  const months =
    v['months-postpartum'] === undefined ? undefined : wholeArg(v['months-postpartum'], 'months-postpartum');
  if (trimester !== undefined && months !== undefined)
    throw new CliError('Give either --trimester (pregnant) or --months-postpartum (lactating), not both.', 2);
  const stage = v['life-stage'] === undefined ? undefined : oneOf(v['life-stage'], LIFE_STAGES, 'life-stage');
  const effective = stage ?? current?.lifeStage ?? 'none';
  if (trimester !== undefined && effective !== 'pregnant')
    throw new CliError('--trimester goes with --life-stage pregnant.', 2);
  if (months !== undefined && effective !== 'lactating')
    throw new CliError('--months-postpartum goes with --life-stage lactating.', 2);
  if (stage === undefined) {
    if (trimester !== undefined || months !== undefined) patch.lifeStageDetail = trimester ?? months ?? null;
    return;
  }
  patch.lifeStage = stage;
  if (stage === 'none') {
    patch.lifeStageDetail = null;
    return;
  }
  const detail = trimester ?? months ?? (current?.lifeStage === stage ? current.lifeStageDetail : null);
  if (detail === null) {
    throw new CliError(
      stage === 'pregnant'
        ? '--life-stage pregnant needs --trimester 1, 2 or 3.'
        : '--life-stage lactating needs --months-postpartum N (1–24).',
      2,
    );
  }
  patch.lifeStageDetail = detail;
}
