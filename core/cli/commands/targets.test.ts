import { describe, expect, it } from 'vitest';
import type { TargetsView } from '../../contract/targets.ts';
import { coreWithClient, HILDA } from '../../test-utils/clients.ts';
import { fixedClock, ok } from '../../test-utils/core-harness.ts';
import { nutrientKey, targetsList, targetsOverride } from './targets.ts';

function capture(): { out: (s: string) => void; text: () => string } {
  const lines: string[] = [];
  return { out: (s) => lines.push(s), text: () => lines.join('\n') };
}

const setup = () => coreWithClient(HILDA, { clock: fixedClock('2026-03-15T10:00:00Z') });

describe('bioai targets', () => {
  it('lists value, range, UL, source, suggestion and what is not tracked', async () => {
    const { core, client: c } = await setup();
    const view = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-15' });
    const out = capture();
    await targetsList(core, ['--client', 'Hilda Example', '--date', '2026-03-15'], out.out);
    const text = out.text();
    expect(text.split('\n')[0]).toBe('Targets for Hilda Example on 2026-03-15');
    // Every target is listed with its citation.
    for (const t of view.targets ?? []) expect(text).toContain(`  source: ${t.source}`);
    expect(text).toMatch(/^Iron \(iron_mg\): 8 mg {2}· {2}8–45 mg {2}· {2}UL 45 mg$/m);
    expect(text).toMatch(/^Iodine \(iodine_mcg\): 150 µg .*not tracked$/m);
    expect(text).toMatch(/^ {2}suggestion: 1,500 mg\. Hypertension: .*AHA\/ACC 2017/m);

    const json = capture();
    await targetsList(core, ['--client', c.id, '--date', '2026-03-15', '--json'], json.out);
    expect(JSON.parse(json.text())).toEqual(view);
  });

  it('overrides one nutrient by its rules name or key, keeps the other overrides, and labels it as yours', async () => {
    const { core, client: c } = await setup();
    await ok(core, 'targets.set', { clientId: c.id, overrides: { fibreG: 30 }, effectiveFrom: '2026-03-01' });
    const out = capture();
    await targetsOverride(
      core,
      ['--client', 'Hilda Example', '--nutrient', 'sodium_mg', '--value', '1500', '--note', 'AHA/ACC 2017 goal'],
      out.out,
    );
    const text = out.text();
    expect(text.split('\n')[0]).toBe('Set sodium_mg for Hilda Example to 1,500 mg from 2026-03-15.');
    expect(text).toContain('your value (computed 2,300 mg)');
    expect(text).toContain(
      'source: Your value (set by the practitioner, in force from 2026-03-15). Note: AHA/ACC 2017 goal',
    );
    expect(text).toContain('computed: NASEM 2019 DRI, CDRR');
    const view = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-03-15' });
    expect(view.overrides).toEqual({ fibreG: 30, sodiumMg: 1500 });

    await targetsOverride(
      core,
      ['--client', c.id, '--nutrient', 'ironMg', '--value', '20', '--from', '2026-04-01'],
      () => undefined,
    );
    const april = await ok<TargetsView>(core, 'targets.get', { clientId: c.id, asOf: '2026-04-02' });
    expect(april.overrides).toEqual({ fibreG: 30, sodiumMg: 1500, ironMg: 20 });
    expect(april.targets?.find((t) => t.key === 'ironMg')?.source).toContain('No note was given.');
  });

  it('refuses unknown nutrients, dates and numbers as usage errors (exit 2)', async () => {
    const { core } = await setup();
    const quiet = (): void => undefined;
    const bad = [
      ['--client', 'Hilda Example', '--nutrient', 'salt', '--value', '5'],
      ['--client', 'Hilda Example', '--nutrient', 'sodium_mg', '--value', 'low'],
      ['--client', 'Hilda Example', '--nutrient', 'sodium_mg', '--value', '1500', '--from', 'tomorrow'],
      ['--client', 'Hilda Example', '--value', '1500'],
    ];
    for (const args of bad) await expect(targetsOverride(core, args, quiet)).rejects.toMatchObject({ exitCode: 2 });
    await expect(targetsList(core, ['--client', 'Hilda Example', '--date', '15/03/2026'], quiet)).rejects.toMatchObject(
      {
        exitCode: 2,
      },
    );
    expect(() => nutrientKey('salt')).toThrow(/Use one of: energy_kcal, protein_g, .*sodium_mg/);
    expect(nutrientKey('vitamin_k_mcg')).toBe('vitaminKMcg');
    expect(nutrientKey('alaG')).toBe('alaG');
  });

  it('says what the profile lacks when targets cannot be computed', async () => {
    const { core } = await setup();
    await ok(core, 'clients.create', { name: 'Nora Nobody' });
    await expect(targetsList(core, ['--client', 'Nora Nobody'], () => undefined)).rejects.toThrow(
      'Targets cannot be computed for Nora Nobody: the profile lacks sex, birth date, height, weight. Add them with "bioai clients edit".',
    );
  });
});
