import type { AuditEntry } from '@contract/clients.ts';
import { isTargetKey, TARGET_KEY_LABELS } from '../../lib/labels.ts';

/** Readable names for the profile fields that the audit log lists. Unknown keys are shown as given. */
const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  birthDate: 'birth date',
  sex: 'sex',
  heightCm: 'height',
  weightKg: 'weight',
  activityLevel: 'activity level',
  dietPattern: 'diet pattern',
  allergies: 'allergies',
  lifeStage: 'pregnancy/lactation',
  lifeStageDetail: 'trimester/months post-partum',
  tags: 'tags',
  email: 'e-mail',
  phone: 'phone',
  notes: 'notes',
  energyEquation: 'energy equation',
};

/** "Updated weight, activity level", "Target overrides set: energy, protein", "Archived". */
export function describeAuditEntry(entry: AuditEntry): string {
  const fields = entry.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ');
  if (entry.entity === 'client_targets') {
    const keys = entry.fields.map((f) => (isTargetKey(f) ? TARGET_KEY_LABELS[f] : f));
    return keys.length > 0 ? `Target overrides set: ${keys.join(', ')}` : 'Targets reset to computed values';
  }
  switch (entry.action) {
    case 'create':
      return 'Created';
    case 'update':
      return fields ? `Updated ${fields}` : 'Updated';
    case 'archive':
      return 'Archived';
    case 'unarchive':
      return 'Unarchived';
    case 'delete':
      return 'Deleted';
    default:
      return fields ? `${entry.action}: ${fields}` : entry.action;
  }
}
