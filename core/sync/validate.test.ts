import { describe, expect, it } from 'vitest';
import { call, hlcAt } from '../../server/test/helpers.ts';
import type { Client } from '../contract/clients.ts';
import type { SyncResult, SyncStatus } from '../contract/sync.ts';
import { ok } from '../test-utils/core-harness.ts';
import { ACCOUNT, practice, useSyncServer } from '../test-utils/sync-harness.ts';
import { encryptField, fieldContext, unwrapPracticeKey } from './practice-key.ts';
import { fieldsWithoutCheck, pulledValueProblem } from './validate.ts';

/**
 * Values another computer pushes are checked on arrival like a local edit. The faulty computer here is
 * a raw client of the real server (signed in to the same practice over HTTP), pushing what the
 * server's envelope accepts but the app does not: a weight of "heavy", and a new log entry without
 * its date or detail. The receiving computer is a real core over its own SQLCipher database.
 */

const server = useSyncServer();

describe('the checks themselves', () => {
  it('cover every synced field', () => {
    expect(fieldsWithoutCheck()).toEqual([]);
  });

  it('refuse what a local edit refuses, and accept what the app stores', () => {
    expect(pulledValueProblem('clients', 'weight_kg', 'heavy')).toMatch(/number/);
    expect(pulledValueProblem('clients', 'weight_kg', 9000)).toMatch(/at most 400/);
    expect(pulledValueProblem('clients', 'diet_pattern', 'carnivore-ish')).not.toBeNull();
    expect(pulledValueProblem('events', 'local_date', '15/03/2026')).not.toBeNull();
    expect(pulledValueProblem('client_targets', 'overrides', { energyKcal: -5 })).not.toBeNull();
    expect(pulledValueProblem('clients', 'weight_kg', 61.5)).toBeNull();
    expect(pulledValueProblem('clients', 'weight_kg', null)).toBeNull();
    expect(pulledValueProblem('clients', 'name', '')).toBeNull(); // a deleted client's erased name
    expect(pulledValueProblem('clients', 'ed_sensitive', 1)).toBeNull();
    expect(pulledValueProblem('events', 'local_date', '2026-03-15')).toBeNull();
    // The reason never repeats the value (it may be personal).
    expect(pulledValueProblem('clients', 'phone', 'SECRET '.repeat(20))).not.toContain('SECRET');
  });
});

describe('received values that are not valid here', () => {
  it('are set aside and named, the field keeps its value, and an incomplete row is reported, not held silently', async () => {
    const { a: desk, email } = await practice(server.current.url);
    const { core: a, clock } = desk;
    const ada = await ok<Client>(a, 'clients.create', {
      name: 'Ada Example',
      sex: 'female',
      birthDate: '1990-01-01',
      heightCm: 165,
      weightKg: 60,
    });
    expect((await ok<SyncResult>(a, 'sync.now')).error).toBeNull();

    // A faulty computer of the same practice.
    const login = await call(server.current.url, 'POST', '/v1/auth/login', {
      body: { email, password: ACCOUNT.password, deviceName: 'Faulty' },
    });
    expect(login.status).toBe(200);
    const faulty = login.body as { accessToken: string; deviceId: string; keyEnvelope: string };
    // It has the practice key, as every computer of the practice does: its values are well encrypted.
    const key = unwrapPracticeKey(faulty.keyEnvelope, ACCOUNT.practicePassphrase);
    const enc = (table: string, id: string, field: string, value: unknown): string =>
      encryptField(key, fieldContext(table, id, field), value);
    const later = Date.parse('2026-03-15T11:00:00Z');
    const entryId = '0193a000-0000-7000-8000-00000000e001';
    const push = await call(server.current.url, 'POST', '/v1/sync/push', {
      token: faulty.accessToken,
      body: {
        idempotencyKey: '0193a000-0000-7000-8000-00000000f001',
        changes: [
          {
            table: 'clients',
            id: ada.id,
            field: 'weight_kg',
            value: enc('clients', ada.id, 'weight_kg', 'heavy'),
            hlc: hlcAt(later, faulty.deviceId),
          },
          { table: 'events', id: entryId, field: 'client_id', value: ada.id, hlc: hlcAt(later, faulty.deviceId) },
          {
            table: 'events',
            id: entryId,
            field: 'kind',
            value: enc('events', entryId, 'kind', 'diet'),
            hlc: hlcAt(later, faulty.deviceId),
          },
          {
            table: 'events',
            id: entryId,
            field: 'created_at',
            value: enc('events', entryId, 'created_at', later),
            hlc: hlcAt(later, faulty.deviceId),
          },
        ],
      },
    });
    expect(push.status).toBe(200);

    clock.advance(2 * 3600_000);
    const r = await ok<SyncResult>(a, 'sync.now');
    expect(r.error).toBeNull();
    expect(r.invalid).toBe(1);
    expect(r.heldBack).toBe(1);
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'clients', id: ada.id, field: 'weight_kg', client: 'Ada Example' }),
        expect.objectContaining({ table: 'events', id: entryId, field: null }),
      ]),
    );
    const held = r.problems.find((p) => p.id === entryId);
    expect(held?.reason).toMatch(/incomplete/);
    expect(held?.reason).toMatch(/local_date/);
    // The status the Settings screen shows carries the same names.
    const status = await ok<SyncStatus>(a, 'sync.status');
    expect(status.lastResult?.problems).toHaveLength(2);

    // The weight was not replaced: the client and their targets are as before.
    const client = await ok<Client>(a, 'clients.get', { id: ada.id });
    expect(client.weightKg).toBe(60);
    const targets = await ok<{ targets: unknown[] | null }>(a, 'targets.get', { clientId: ada.id });
    expect(targets.targets).not.toBeNull();

    // Once the faulty computer sends a valid weight, it is taken as any edit is.
    const fix = await call(server.current.url, 'POST', '/v1/sync/push', {
      token: faulty.accessToken,
      body: {
        idempotencyKey: '0193a000-0000-7000-8000-00000000f002',
        changes: [
          {
            table: 'clients',
            id: ada.id,
            field: 'weight_kg',
            value: enc('clients', ada.id, 'weight_kg', 62),
            hlc: hlcAt(later + 60_000, faulty.deviceId),
          },
        ],
      },
    });
    expect(fix.status).toBe(200);
    const again = await ok<SyncResult>(a, 'sync.now');
    expect(again.invalid).toBe(0);
    expect((await ok<Client>(a, 'clients.get', { id: ada.id })).weightKg).toBe(62);
    expect(again.heldBack).toBe(1); // the incomplete entry is still reported until it is completed
  }, 120_000);
});
