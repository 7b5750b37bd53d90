import { describe, expect, it } from 'vitest';
import { brandingPatch, isLogoDataUrl, LOGO_MAX_BYTES, logoProblem, normaliseLogoDataUrl } from './branding-values.ts';

describe('logoProblem', () => {
  it('accepts a PNG or JPEG up to 500 KB', () => {
    expect(logoProblem({ name: 'logo.png', type: 'image/png', size: 1000 })).toBeNull();
    expect(logoProblem({ name: 'logo.jpg', type: 'image/jpeg', size: LOGO_MAX_BYTES })).toBeNull();
    expect(logoProblem({ name: 'logo.JPG', type: '', size: 10 })).toBeNull();
  });

  it('refuses other types, empty and large files with a sentence', () => {
    expect(logoProblem({ name: 'logo.svg', type: 'image/svg+xml', size: 10 })).toBe(
      'logo.svg is not a PNG or JPEG image.',
    );
    expect(logoProblem({ name: 'a.png', type: 'image/png', size: 0 })).toBe('a.png is empty.');
    expect(logoProblem({ name: 'big.png', type: 'image/png', size: LOGO_MAX_BYTES + 1 })).toBe(
      'big.png is 501 KB; the logo can be at most 500 KB. Use a smaller image.',
    );
  });
});

describe('logo data URLs', () => {
  it('recognises what the core accepts', () => {
    expect(isLogoDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isLogoDataUrl('data:image/gif;base64,R0lGOD')).toBe(false);
    expect(normaliseLogoDataUrl('data:image/jpg;base64,AAAA')).toBe('data:image/jpeg;base64,AAAA');
  });
});

describe('brandingPatch', () => {
  const saved = { practitionerCredentials: 'RD', practitionerContact: '', practiceLogo: '', units: 'metric' as const };

  it('is empty when nothing changed (spaces ignored)', () => {
    expect(brandingPatch({ ...saved, practitionerCredentials: ' RD ' }, saved)).toEqual({});
  });

  it('holds only the changed fields, trimmed', () => {
    expect(
      brandingPatch({ ...saved, practitionerContact: ' a@b.c \n', units: 'us', practiceLogo: 'data:x' }, saved),
    ).toEqual({ practitionerContact: 'a@b.c', units: 'us', practiceLogo: 'data:x' });
  });
});
