import type { TargetOverrides, TargetValue } from '@contract/targets.ts';
import { isTargetKey, type TargetKey } from '../../lib/labels.ts';

/** Per-target input state: '' means "use the computed value". */
export type OverrideInputs = Partial<Record<TargetKey, number | string>>;

export function inputsFromOverrides(targets: TargetValue[], overrides: TargetOverrides): OverrideInputs {
  const inputs: OverrideInputs = {};
  for (const t of targets) inputs[t.key] = overrides[t.key] ?? '';
  return inputs;
}

/** Only the filled-in keys: an omitted key goes back to the computed value (targets.set replaces). */
export function overridesFromInputs(inputs: OverrideInputs): TargetOverrides {
  const overrides: TargetOverrides = {};
  for (const key of Object.keys(inputs)) {
    if (!isTargetKey(key)) continue;
    const raw = inputs[key];
    if (raw === undefined) continue;
    const value = typeof raw === 'number' ? raw : raw.trim() === '' ? null : Number(raw.trim());
    if (value !== null) overrides[key] = value;
  }
  return overrides;
}
