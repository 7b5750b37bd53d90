import { describe, expect, it } from 'vitest';
import type { Client } from '../../contract/clients.ts';
import { ok, unlockedCore } from '../../test-utils/core-harness.ts';
import { clientsAdd, clientsEdit } from './clients.ts';

function capture(): { out: (s: string) => void; text: () => string } {
  const lines: string[] = [];
  return { out: (s) => lines.push(s), text: () => lines.join('\n') };
}

async function withClient() {
  const core = await unlockedCore();
  const c = capture();
  await clientsAdd(core, ['--name', 'Rita Runner', '--sex', 'female', '--birth-date', '2006-05-01'], c.out);
  const [client] = await ok<{ id: string }[]>(core, 'clients.list', {});
  if (!client) throw new Error('no client');
  const get = () => ok<Client>(core, 'clients.get', { id: client.id });
  return { core, id: client.id, get };
}

describe('bioai clients edit', () => {
  it('sets every profile field from the command line', async () => {
    const { core, get } = await withClient();
    const c = capture();
    await clientsEdit(
      core,
      [
        'Rita Runner',
        '--name',
        'Rita Corredora',
        '--sex',
        'female',
        '--birth-date',
        '2005-05-01',
        '--height-cm',
        '166',
        '--weight-kg',
        '57.5',
        '--activity',
        'very-active',
        '--diet',
        'vegetarian',
        '--allergies',
        'peanut, milk',
        '--life-stage',
        'lactating',
        '--months-postpartum',
        '4',
        '--ed-sensitive',
        'true',
        '--conditions',
        'hypertension,chronic-kidney-disease',
        '--ckd-stage',
        '3',
        '--goal',
        'loss',
        '--goal-rate',
        '0.25',
        '--equation',
        'iom-eer',
        '--tags',
        'athletics,club',
        '--email',
        'rita@example.org',
        '--phone',
        '+351 900 000 000',
        '--notes',
        'Trains 6 days a week.',
      ],
      c.out,
    );
    expect(c.text()).toMatch(/^Updated Rita Corredora: name, sex, birth date, height, weight, /);
    expect(await get()).toMatchObject({
      name: 'Rita Corredora',
      sex: 'female',
      birthDate: '2005-05-01',
      heightCm: 166,
      weightKg: 57.5,
      activityLevel: 'very-active',
      dietPattern: 'vegetarian',
      allergies: ['peanut', 'milk'],
      lifeStage: 'lactating',
      lifeStageDetail: 4,
      edSensitive: true,
      conditions: ['hypertension', 'chronic-kidney-disease'],
      ckdStage: 3,
      goal: 'loss',
      goalRateKgWeek: 0.25,
      energyEquation: 'iom-eer',
      tags: ['athletics', 'club'],
      email: 'rita@example.org',
      phone: '+351 900 000 000',
      notes: 'Trains 6 days a week.',
    });
  });

  it('changes only what is given; a trimester alone updates the pregnancy; "none" clears', async () => {
    const { core, id, get } = await withClient();
    const quiet = (): void => undefined;
    await clientsEdit(core, [id, '--goal', 'sport', '--life-stage', 'pregnant', '--trimester', '1'], quiet);
    await clientsEdit(core, [id, '--trimester', '2', '--ckd-stage', 'none', '--conditions', ''], quiet);
    expect(await get()).toMatchObject({
      goal: 'sport',
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
      ckdStage: null,
      conditions: [],
      birthDate: '2006-05-01',
    });
    await clientsEdit(core, [id, '--life-stage', 'none'], quiet);
    expect(await get()).toMatchObject({ lifeStage: 'none', lifeStageDetail: null });
  });

  it('refuses unknown values and incomplete life stages as usage errors (exit 2), naming the accepted values', async () => {
    const { core, id } = await withClient();
    const quiet = (): void => undefined;
    const usage = async (args: string[], message: RegExp | string): Promise<void> => {
      const promise = clientsEdit(core, [id, ...args], quiet);
      await expect(promise).rejects.toMatchObject({ exitCode: 2 });
      await expect(promise).rejects.toThrow(message);
    };
    await usage(['--goal', 'fast'], '--goal must be one of maintenance, loss, gain, sport (not "fast").');
    await usage(['--conditions', 'hypertension,gout'], /--conditions must be one of hypertension, .* \(not "gout"\)/);
    await usage(['--diet', 'keto'], /--diet must be one of omnivore/);
    await usage(['--ed-sensitive', 'maybe'], '--ed-sensitive must be true or false');
    await usage(['--ckd-stage', '2.5'], '--ckd-stage must be a whole number');
    await usage(['--goal-rate', 'fast'], '--goal-rate must be a number');
    await usage(['--life-stage', 'pregnant'], '--life-stage pregnant needs --trimester 1, 2 or 3.');
    await usage(['--months-postpartum', '3'], '--months-postpartum goes with --life-stage lactating.');
    await usage(['--birth-date', '01/05/2006'], '--birth-date must be a date like 2026-03-15');
    await usage([], 'Nothing to change');
    await expect(clientsEdit(core, ['--goal', 'sport'], quiet)).rejects.toMatchObject({ exitCode: 2 });
  });

  it('leaves range checks to the contract, whose message names the field (exit 1)', async () => {
    const { core, id } = await withClient();
    const promise = clientsEdit(core, [id, '--goal-rate', '3'], () => undefined);
    await expect(promise).rejects.toMatchObject({ exitCode: 1 });
    await expect(promise).rejects.toThrow('Use at most 1 kg a week');
  });
});

describe('bioai clients add/edit --confirm', () => {
  it('refuses a birth date of 1850 with the reason, and saves it with --confirm', async () => {
    const { core, get } = await withClient();
    const c = capture();
    await expect(clientsAdd(core, ['--name', 'Old Timer', '--birth-date', '1850-06-01'], c.out)).rejects.toThrow(
      'Please check: The birth date 1850-06-01 is before 1900. Save anyway if it is right.',
    );
    await clientsAdd(core, ['--name', 'Old Timer', '--birth-date', '1850-06-01', '--confirm'], c.out);
    expect(c.text()).toContain('Created client Old Timer');
    await expect(clientsEdit(core, ['Rita Runner', '--birth-date', '3000-01-01'], c.out)).rejects.toThrow(
      'is in the future',
    );
    expect((await get()).birthDate).toBe('2006-05-01');
    await clientsEdit(core, ['Rita Runner', '--birth-date', '3000-01-01', '--confirm'], c.out);
    expect((await get()).birthDate).toBe('3000-01-01');
  });
});
