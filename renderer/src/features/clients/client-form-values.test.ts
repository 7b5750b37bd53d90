import { describe, expect, it } from 'vitest';
import type { Client } from '@contract/clients.ts';
import {
  clientInputFromValues,
  EMPTY_CLIENT_FORM,
  validateClientValues,
  valuesFromClient,
} from './client-form-values.ts';

describe('clientInputFromValues', () => {
  it('turns empty inputs into nulls and trims text', () => {
    const input = clientInputFromValues({ ...EMPTY_CLIENT_FORM, name: '  Ada  ', tags: [' a ', ''], email: ' ' });
    expect(input).toMatchObject({
      name: 'Ada',
      birthDate: null,
      sex: null,
      heightCm: null,
      weightKg: null,
      lifeStage: 'none',
      lifeStageDetail: null,
      tags: ['a'],
      email: null,
      phone: null,
      notes: null,
    });
  });

  it('keeps a life stage only for a female client', () => {
    const pregnant = { ...EMPTY_CLIENT_FORM, name: 'B', lifeStage: 'pregnant' as const, lifeStageDetail: 2 };
    expect(clientInputFromValues({ ...pregnant, sex: 'female' })).toMatchObject({
      lifeStage: 'pregnant',
      lifeStageDetail: 2,
    });
    expect(clientInputFromValues({ ...pregnant, sex: 'male' })).toMatchObject({
      lifeStage: 'none',
      lifeStageDetail: null,
    });
  });

  it('passes the eating-disorder-sensitive flag through', () => {
    expect(clientInputFromValues({ ...EMPTY_CLIENT_FORM, name: 'E' }).edSensitive).toBe(false);
    expect(clientInputFromValues({ ...EMPTY_CLIENT_FORM, name: 'E', edSensitive: true }).edSensitive).toBe(true);
  });

  it('passes numbers through, including numeric text', () => {
    expect(clientInputFromValues({ ...EMPTY_CLIENT_FORM, name: 'C', heightCm: '170.5', weightKg: 64 })).toMatchObject({
      heightCm: 170.5,
      weightKg: 64,
    });
  });
});

describe('validateClientValues', () => {
  it('requires a name and a life-stage detail', () => {
    expect(validateClientValues(EMPTY_CLIENT_FORM)).toEqual({ name: 'Name is required.' });
    expect(
      validateClientValues({
        ...EMPTY_CLIENT_FORM,
        name: 'D',
        sex: 'female',
        lifeStage: 'lactating',
        lifeStageDetail: '',
      }),
    ).toEqual({ lifeStageDetail: 'Enter the months post-partum.' });
  });
});

describe('goal and conditions', () => {
  it('keeps a weekly rate only for a loss or gain goal, and a CKD stage only with chronic kidney disease', () => {
    const base = { ...EMPTY_CLIENT_FORM, name: 'C', goalRateKgWeek: 0.25, ckdStage: 3 };
    expect(clientInputFromValues({ ...base, goal: 'loss' })).toMatchObject({ goal: 'loss', goalRateKgWeek: 0.25 });
    expect(clientInputFromValues({ ...base, goal: 'gain', goalRateKgWeek: '' })).toMatchObject({
      goalRateKgWeek: null,
    });
    expect(clientInputFromValues({ ...base, goal: 'sport' })).toMatchObject({ goal: 'sport', goalRateKgWeek: null });
    expect(clientInputFromValues({ ...base, conditions: ['hypertension'] })).toMatchObject({
      conditions: ['hypertension'],
      ckdStage: null,
    });
    expect(clientInputFromValues({ ...base, conditions: ['chronic-kidney-disease'] })).toMatchObject({
      ckdStage: 3,
    });
  });

  it('round-trips a client through the form', () => {
    const input = clientInputFromValues({
      ...EMPTY_CLIENT_FORM,
      name: 'D',
      goal: 'loss',
      goalRateKgWeek: 0.5,
      conditions: ['chronic-kidney-disease', 'type-2-diabetes'],
      ckdStage: 4,
    });
    const client = { ...input, id: 'x', createdAt: 0, updatedAt: 0, archivedAt: null } as Client;
    expect(valuesFromClient(client)).toMatchObject({
      goal: 'loss',
      goalRateKgWeek: 0.5,
      conditions: ['chronic-kidney-disease', 'type-2-diabetes'],
      ckdStage: 4,
    });
  });
});
