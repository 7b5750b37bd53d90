import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, formatBytes, mimeFor, stripDataUrl } from './base64.ts';

describe('base64 helpers', () => {
  it('strips the data: URL prefix FileReader adds', () => {
    expect(stripDataUrl('data:text/csv;base64,YSxiCg==')).toBe('YSxiCg==');
    expect(stripDataUrl('data:;base64,')).toBe('');
    expect(stripDataUrl('YSxiCg==')).toBe('YSxiCg==');
  });

  it('round-trips bytes, including large inputs', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    const encoded = bytesToBase64(bytes);
    expect(Buffer.from(encoded, 'base64').equals(Buffer.from(bytes))).toBe(true);
    expect(Array.from(base64ToBytes(encoded).slice(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(base64ToBytes(encoded).length).toBe(100_000);
  });

  it('decodes what Node encodes', () => {
    const text = 'name,energy\nBanana,89\n';
    expect(new TextDecoder().decode(base64ToBytes(Buffer.from(text).toString('base64')))).toBe(text);
  });

  it('names MIME types and sizes', () => {
    expect(mimeFor('client-record.ZIP')).toBe('application/zip');
    expect(mimeFor('log.csv')).toBe('text/csv');
    expect(mimeFor('noext')).toBe('application/octet-stream');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
