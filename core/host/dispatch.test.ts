import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/log.ts';
import { PASSPHRASE, unlockedCore } from '../test-utils/core-harness.ts';
import { createCore } from '../app.ts';
import { createDispatcher, type Handlers } from './dispatch.ts';
import { tempDir } from '../test-utils/temp-dir.ts';

describe('dispatch: the contract boundary', () => {
  it('answers an unknown method, including prototype keys, without calling anything', async () => {
    const core = await unlockedCore();
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 42, null, { a: 1 }]) {
      expect(await core.dispatch(method, {})).toEqual({
        ok: false,
        code: 'invalid-input',
        message: 'Unknown request.',
      });
    }
  });

  it('parses every input: wrong types, extra keys and missing fields give field messages', async () => {
    const core = await unlockedCore();
    const missing = await core.dispatch('clients.create', {});
    expect(missing).toMatchObject({ ok: false, code: 'invalid-input', fields: { name: expect.any(String) } });
    const wrongType = await core.dispatch('clients.create', { name: 'A', heightCm: 'tall' });
    expect(wrongType).toMatchObject({ ok: false, fields: { heightCm: 'Height must be a number.' } });
    const extra = await core.dispatch('clients.create', { name: 'A', isAdmin: true });
    expect(extra).toMatchObject({ ok: false, fields: { _: 'Unexpected field.' } });
    const proto = await core.dispatch('clients.create', JSON.parse('{"name":"A","__proto__":{"polluted":1}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(proto).toMatchObject({ ok: false, code: 'invalid-input' });
    const badId = await core.dispatch('clients.get', { id: '../../etc/passwd' });
    expect(badId).toMatchObject({ ok: false, code: 'invalid-input', message: 'Not a valid record id.' });
  });

  it('answers locked for data methods until unlocked, and never leaks internals', async () => {
    const lines: string[] = [];
    const core = createCore({ dataDir: tempDir(), host: 'cli', log: createLogger((l) => lines.push(l)) });
    expect(await core.dispatch('clients.list', {})).toMatchObject({ ok: false, code: 'locked' });
    expect(await core.dispatch('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      code: 'locked',
    });
    core.close();
  });

  it('logs an unexpected failure without the input and answers a generic sentence', async () => {
    const lines: string[] = [];
    const core = createCore({ dataDir: tempDir(), host: 'cli', log: createLogger((l) => lines.push(l)) });
    const setup = await core.dispatch('session.setup', { passphrase: PASSPHRASE });
    expect(setup.ok).toBe(true);
    // Close the database behind the handlers' back: the next call fails inside better-sqlite3.
    core.session.database().sqlite.close();
    const result = await core.dispatch('clients.create', { name: 'Secret Person', email: 'secret@example.org' });
    expect(result).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(result)).not.toMatch(/Secret|sqlite|example/i);
    expect(lines.join('\n')).toContain('rpc: handler failed');
    expect(lines.join('\n')).not.toMatch(/Secret Person|secret@example\.org/);
  });

  it('checks answers against the contract when asked, naming the method and the field that is wrong', async () => {
    const lines: string[] = [];
    // One handler that answers a wrong shape (a number for the version), as a bug would.
    const handlers = {
      'app.info': () => ({ name: 'BioAI Nutrition', version: 3, host: 'cli' }),
    } as unknown as Handlers;
    const checked = createDispatcher(
      handlers,
      createLogger((l) => lines.push(l)),
      undefined,
      true,
    );
    expect(await checked('app.info', {})).toMatchObject({
      ok: false,
      code: 'internal',
      message: expect.stringMatching(/app\.info .*version/),
    });
    expect(lines.join('\n')).toContain('does not match the contract');
    const trusting = createDispatcher(
      handlers,
      createLogger(() => undefined),
    );
    expect(await trusting('app.info', {})).toMatchObject({ ok: true });
  });
});
