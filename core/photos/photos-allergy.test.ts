import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Client } from '../contract/clients.ts';
import type { LogEntry } from '../contract/log.ts';
import type { PhotoAnalysis } from '../contract/photos.ts';
import { ok, unlockedCore } from '../test-utils/core-harness.ts';
import { PICTURES } from '../vision/testing/fixtures.ts';

const PEANUT_BUTTER = 'usda:16098';

describe('photos.save and allergies', () => {
  it('refuses the whole meal while an item conflicts without a reason, naming the item; saves with one', async () => {
    const core = await unlockedCore();
    const client = await ok<Client>(core, 'clients.create', { name: 'Photo Allergy', allergies: ['peanuts'] });
    const a = await ok<PhotoAnalysis>(core, 'photos.analyze', {
      clientId: client.id,
      fileName: 'E009.jpeg',
      dataBase64: fs.readFileSync(path.join(PICTURES, 'E009.jpeg')).toString('base64'),
    });
    const banana = { foodId: 'usda:09040', grams: 120, label: 'banana', origin: 'detected' };
    const spread = { foodId: PEANUT_BUTTER, grams: 16, label: 'peanut butter', origin: 'manual' };
    const meal = { photoId: a.photoId, date: '2026-03-10', meal: 'breakfast' };

    const refused = await core.dispatch('photos.save', { ...meal, items: [banana, spread] });
    expect(refused).toMatchObject({
      ok: false,
      code: 'allergen-conflict',
      fields: {
        'items.1.allergyConfirmation':
          'Peanut butter, smooth style, with salt contains peanut (recorded allergy: "peanuts").',
      },
    });
    expect((refused as { message: string }).message).toMatch(
      /^The meal was not saved: Peanut butter, smooth style, with salt contains peanut .* give a reason for each of these items\.$/,
    );
    // Nothing half-written: no entries, and the photo is still waiting for review.
    expect(
      await ok<LogEntry[]>(core, 'log.list', { clientId: client.id, from: '2026-03-10', to: '2026-03-10' }),
    ).toEqual([]);
    const pending = await ok<{ status: string }[]>(core, 'photos.list', { clientId: client.id });
    expect(pending.map((p) => p.status)).toEqual(['pending']);

    await ok(core, 'photos.save', {
      ...meal,
      items: [banana, { ...spread, allergyConfirmation: { reason: 'Tolerates a thin spread (allergist)' } }],
    });
    const entries = await ok<LogEntry[]>(core, 'log.list', {
      clientId: client.id,
      from: '2026-03-10',
      to: '2026-03-10',
    });
    expect(entries.map((e) => [e.food?.id, e.source, e.allergyConfirmation?.reason ?? null])).toEqual([
      ['usda:09040', 'photo', null],
      [PEANUT_BUTTER, 'photo', 'Tolerates a thin spread (allergist)'],
    ]);
    // The reason stays with the entry, not in the photo's reviewed items (they go into dataset exports).
    const items = core.session.database().sqlite.prepare('SELECT items FROM meal_photos').get() as { items: string };
    expect(items.items).not.toContain('allergist');
  });
});
