import { describe, expect, it } from 'vitest';
import { createLogger, redactText } from './log.ts';

describe('log redaction', () => {
  it('masks e-mail addresses and phone numbers in any text', () => {
    expect(redactText('sent to ana.souza@example.org or +55 (11) 98765-4321')).toBe('sent to [email] or [number]');
  });

  it('drops values under personal keys and keeps ids and counts', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    log.info('created', { id: 'abc', name: 'Ana Souza', nested: { notes: 'private', count: 3 }, input: { name: 'x' } });
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({
      id: 'abc',
      name: '[redacted]',
      nested: { notes: '[redacted]', count: 3 },
      input: '[redacted]',
    });
    expect(lines[0]).not.toContain('Ana');
  });

  it('filters by level', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
