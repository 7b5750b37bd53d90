import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldErrorsFor, generalMessage } from './errors.ts';

describe('fieldErrorsFor', () => {
  it('strips the nesting prefix of update and targets calls', () => {
    const error = new ApiError('invalid-input', 'Height must be at least 40 cm.', {
      'patch.heightCm': 'Height must be at least 40 cm.',
      name: 'Name is required.',
    });
    expect(fieldErrorsFor(error, 'patch')).toEqual({
      heightCm: 'Height must be at least 40 cm.',
      name: 'Name is required.',
    });
  });
});

describe('generalMessage', () => {
  const error = new ApiError('invalid-input', 'Not a valid e-mail address.', { email: 'Not a valid e-mail address.' });

  it('points to the fields when all of them are shown', () => {
    expect(generalMessage(error, { email: 'x' }, ['name', 'email'])).toBe('Check the field marked in red.');
  });

  it('keeps the server sentence when a field has no place in the form', () => {
    expect(generalMessage(error, { _: 'x' }, ['name'])).toBe('Not a valid e-mail address.');
    expect(generalMessage(error, {}, ['name'])).toBe('Not a valid e-mail address.');
  });
});
