import { describe, expect, it } from 'vitest';
import { dragHasFiles, isPhotoFile, MAX_PHOTO_BYTES, photoFileProblem } from './photo-files.ts';

describe('isPhotoFile', () => {
  it('accepts JPEG, PNG and WebP by type, or by name when the type is unknown', () => {
    expect(isPhotoFile({ name: 'a.jpg', size: 10, type: 'image/jpeg' })).toBe(true);
    expect(isPhotoFile({ name: 'a', size: 10, type: 'image/webp' })).toBe(true);
    expect(isPhotoFile({ name: 'A.JPEG', size: 10, type: '' })).toBe(true);
    expect(isPhotoFile({ name: 'a.gif', size: 10, type: 'image/gif' })).toBe(false);
    expect(isPhotoFile({ name: 'a.pdf', size: 10, type: '' })).toBe(false);
  });
});

describe('photoFileProblem', () => {
  it('refuses empty, too large and non-image files before sending them', () => {
    expect(photoFileProblem({ name: 'a.jpg', size: 0, type: 'image/jpeg' })).toBe('The file is empty.');
    expect(photoFileProblem({ name: 'a.jpg', size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' })).toMatch(
      /^The file is too large \(64\.0 MB; at most 64\.0 MB\)\.$/,
    );
    expect(photoFileProblem({ name: 'menu.pdf', size: 100, type: 'application/pdf' })).toMatch(/PDF/);
    expect(photoFileProblem({ name: 'menu.PDF', size: 100, type: '' })).toMatch(/PDF/);
    expect(photoFileProblem({ name: 'notes.txt', size: 100, type: 'text/plain' })).toMatch(/not an image/);
  });

  it('leaves images (even unusual ones) to the core', () => {
    expect(photoFileProblem({ name: 'a.jpg', size: 100, type: 'image/jpeg' })).toBeNull();
    expect(photoFileProblem({ name: 'a.heic', size: 100, type: 'image/heic' })).toBeNull();
    expect(photoFileProblem({ name: 'a', size: 100, type: '' })).toBeNull();
  });
});

describe('dragHasFiles', () => {
  it('is true only when files are dragged', () => {
    expect(dragHasFiles(['Files'])).toBe(true);
    expect(dragHasFiles(['text/plain', 'text/uri-list'])).toBe(false);
  });
});
