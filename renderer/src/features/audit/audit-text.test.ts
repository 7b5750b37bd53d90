import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@contract/clients.ts';
import { describeAuditEntry } from './audit-text.ts';

const base: AuditEntry = {
  id: '0190a5b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b',
  at: 0,
  actor: 'Dr. Who',
  host: 'browser',
  entity: 'client',
  entityId: '0190a5b4-1c2d-7e3f-8a9b-0c1d2e3f4a5c',
  action: 'update',
  fields: [],
};

describe('describeAuditEntry', () => {
  it('names the changed profile fields', () => {
    expect(describeAuditEntry({ ...base, fields: ['weightKg', 'activityLevel'] })).toBe(
      'Updated weight, activity level',
    );
    expect(describeAuditEntry({ ...base, action: 'archive' })).toBe('Archived');
  });

  it('describes target changes', () => {
    expect(
      describeAuditEntry({ ...base, entity: 'client_targets', action: 'set', fields: ['energyKcal', 'sodiumMg'] }),
    ).toBe('Target overrides set: energy, sodium');
    expect(describeAuditEntry({ ...base, entity: 'client_targets', action: 'set' })).toBe(
      'Targets reset to computed values',
    );
  });
});
