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

  it('drops secrets: recovery codes, passphrases and tokens', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l));
    const secrets = {
      recoveryCode: '7KQ2-M9XD-AAAA-BBBB-CCCC-DDDD',
      passphrase: 'secret one',
      password: 'secret two',
      practicePassphrase: 'secret three',
      refreshToken: 'secret four',
      accessToken: 'secret five',
    };
    log.warn('key event', { nested: secrets });
    const line = JSON.parse(lines[0] ?? '{}') as { nested: Record<string, unknown> };
    for (const k of Object.keys(secrets)) expect(line.nested[k]).toBe('[redacted]');
    expect(lines[0]).not.toMatch(/7KQ2|secret/);
  });

  it('filters by level', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
