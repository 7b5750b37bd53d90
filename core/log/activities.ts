/**
 * Activities with their metabolic equivalents (MET), from the 2011 Compendium of Physical
 * Activities: Ainsworth BE, Haskell WL, Herrmann SD, et al. Med Sci Sports Exerc 2011;43(8):1575–81
 * (code and MET value per activity). Energy estimate: kcal ≈ MET × body mass (kg) × hours, the
 * Compendium's own approximation (1 MET ≈ 1 kcal/kg/h); it includes the resting energy of that time.
 */
export interface ActivityDef {
  key: string;
  label: string;
  met: number;
  /** The Compendium's activity code. */
  code: string;
}

export const ACTIVITIES: readonly ActivityDef[] = [
  { key: 'walking-moderate', label: 'Walking, 3.0 mph (4.8 km/h), moderate pace', met: 3.5, code: '17190' },
  { key: 'walking-brisk', label: 'Walking, 3.5 mph (5.6 km/h), brisk', met: 4.3, code: '17200' },
  { key: 'hiking', label: 'Hiking, cross country', met: 6.0, code: '17080' },
  { key: 'jogging', label: 'Jogging, general', met: 7.0, code: '12020' },
  { key: 'running-8kmh', label: 'Running, 5 mph (8 km/h)', met: 8.3, code: '12030' },
  { key: 'running-10kmh', label: 'Running, 6 mph (9.7 km/h)', met: 9.8, code: '12050' },
  { key: 'cycling', label: 'Bicycling, general', met: 7.5, code: '01015' },
  { key: 'swimming', label: 'Swimming laps, freestyle, light or moderate effort', met: 5.8, code: '18310' },
  {
    key: 'resistance',
    label: 'Resistance (weight) training, multiple exercises, 8–15 repetitions',
    met: 3.5,
    code: '02054',
  },
  {
    key: 'resistance-vigorous',
    label: 'Weight lifting, power lifting or body building, vigorous',
    met: 6.0,
    code: '02050',
  },
  { key: 'aerobics', label: 'Aerobic exercise, general', met: 7.3, code: '03015' },
  { key: 'dancing', label: 'Dancing, general (disco, folk, line, country)', met: 7.8, code: '03025' },
  { key: 'yoga', label: 'Yoga, Hatha', met: 2.5, code: '02150' },
  { key: 'pilates', label: 'Pilates, general', met: 3.0, code: '02105' },
  { key: 'stretching', label: 'Stretching, mild', met: 2.3, code: '02101' },
  { key: 'soccer', label: 'Soccer, casual, general', met: 7.0, code: '15610' },
  { key: 'basketball', label: 'Basketball, general', met: 6.5, code: '15055' },
  { key: 'tennis', label: 'Tennis, general', met: 7.3, code: '15675' },
  { key: 'gardening', label: 'Gardening, general, moderate effort', met: 3.8, code: '08245' },
];

export function findActivity(key: string): ActivityDef | undefined {
  return ACTIVITIES.find((a) => a.key === key);
}

/** kcal ≈ MET × kg × h; null when the body mass is unknown. */
export function activityKcal(met: number, minutes: number, weightKg: number | null): number | null {
  return weightKg === null ? null : met * weightKg * (minutes / 60);
}
