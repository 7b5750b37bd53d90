import { type BrowserHost, startBrowserHost } from './http.ts';
import { DEEP_ARRAY, DEEP_OBJECT, HUGE, SEED, randomValue } from './fuzz/values.ts';
import { FAST_SCRYPT, PASSPHRASE, tempDir, track } from '../test-utils/core-harness.ts';
import { METHOD_NAMES } from '../contract/names.ts';
import { type MethodName } from '../contract/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import fs from 'node:fs';
import http from 'node:http';
import { mulberry32 } from '../util/prng.ts';
import path from 'node:path';
import { problemsOf } from './fuzz/checks.ts';
import { silentLogger } from '../logging/log.ts';

describe('fuzzing the browser host HTTP endpoint', () => {
  let host: BrowserHost;
  const MAX_BODY = 1024 * 1024;

  beforeAll(async () => {
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    const core = track(createCore({ dataDir: tempDir(), host: 'browser', log: silentLogger, scrypt: FAST_SCRYPT }));
    host = await startBrowserHost({ core, staticDir, log: silentLogger, maxBody: MAX_BODY });
    await core.dispatch('session.setup', { passphrase: PASSPHRASE });
  });
  afterAll(async () => {
    await host.close();
  });

  function post(
    urlPath: string,
    body: string | Buffer | null,
    headers: Record<string, string> = {},
    chunked = false,
  ): Promise<{ status: number; body: string; type: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: urlPath,
          headers: {
            host: `127.0.0.1:${host.port}`,
            authorization: `Bearer ${host.token}`,
            'content-type': 'application/json',
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              type: String(res.headers['content-type'] ?? ''),
            }),
          );
        },
      );
      // The host may answer 413 and stop reading while a big body is still going out.
      req.on('error', (err: NodeJS.ErrnoException) =>
        err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve({ status: 0, body: '', type: '' }) : reject(err),
      );
      if (body !== null) {
        if (chunked) {
          const buf = Buffer.from(body);
          for (let i = 0; i < buf.length; i += 64 * 1024) req.write(buf.subarray(i, i + 64 * 1024));
        } else req.write(body);
      }
      req.end();
    });
  }

  const jsonAnswer = (res: { status: number; body: string; type: string }): Record<string, unknown> => {
    expect(res.type).toMatch(/^application\/json/);
    const parsed = JSON.parse(res.body) as Record<string, unknown>;
    expect(problemsOf(parsed)).toEqual([]);
    return parsed;
  };

  it('answers malformed bodies with 4xx JSON and keeps serving', { timeout: 60_000 }, async () => {
    const badJson: (string | Buffer)[] = [
      '{',
      '{"a":',
      'nul',
      '[1,]',
      "{'a':1}",
      '{"a":1}}',
      '\uFEFF{}',
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      'undefined',
      `{"x":"${'\\u'.repeat(3)}"}`,
      '{"a":1,"a":',
      '[' + '['.repeat(10_000),
      '\u0000',
    ];
    for (const body of badJson) {
      const res = await post('/api/rpc/clients.list', body);
      expect(res.status, `body ${String(body).slice(0, 30)}`).toBe(400);
      expect(jsonAnswer(res)).toMatchObject({ ok: false, code: 'invalid-input' });
    }

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await post('/api/rpc/clients.list', '{}', { 'content-type': type });
      expect(res.status).toBe(415);
      expect(jsonAnswer(res)).toMatchObject({ ok: false, code: 'invalid-input' });
    }

    const huge = Buffer.alloc(MAX_BODY * 3, 0x20);
    for (const chunked of [false, true]) {
      const res = await post('/api/rpc/clients.list', huge, chunked ? { 'transfer-encoding': 'chunked' } : {}, chunked);
      // Either the 413 arrives, or the host stopped reading and the connection dropped mid-upload.
      if (res.status !== 0) {
        expect(res.status).toBe(413);
        expect(jsonAnswer(res)).toMatchObject({ ok: false, code: 'invalid-input' });
      }
    }

    for (const [p, status] of [
      ['/api/rpc/%E0%A4%A', 400],
      ['/api/rpc/%', 400],
      ['/api/rpc/%00', 200],
      ['/api/rpc/', 200],
      ['/api/rpc/__proto__', 200],
      ['/api/rpc/constructor', 200],
      ['/api/rpc/clients.list%2F..%2F..', 200],
    ] as const) {
      const res = await post(p, '{}');
      expect(res.status, p).toBe(status);
      expect(jsonAnswer(res)).toMatchObject({ ok: false, code: 'invalid-input' });
    }

    const wrongToken = await post('/api/rpc/clients.list', '{}', { authorization: 'Bearer nope' });
    expect(wrongToken.status).toBe(401);
    jsonAnswer(wrongToken);
  });

  it(
    'answers well-formed JSON of the wrong shape with an RpcResult, deep nesting included',
    { timeout: 60_000 },
    async () => {
      const rng = mulberry32(SEED + 1);
      const bodies: string[] = [
        // Built as text: JSON.stringify itself recurses and would overflow the stack on these.
        '{"a":'.repeat(10_000) + '"x"' + '}'.repeat(10_000),
        '['.repeat(10_000) + '"x"' + ']'.repeat(10_000),
        '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
        '['.repeat(100_000) + ']'.repeat(100_000),
        '{"__proto__":{"polluted":"yes"}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
        JSON.stringify(HUGE.slice(0, MAX_BODY - 100)),
        '1e999',
        '-0',
        '"string"',
        'true',
        '[]',
      ];
      const methods = METHOD_NAMES.filter((m) => !m.startsWith('session.'));
      // The deep values go as the text bodies above (JSON.stringify would overflow on them).
      const jsonSafe = (_key: string, v: unknown): unknown =>
        typeof v === 'bigint' ? v.toString() : v === DEEP_OBJECT || v === DEEP_ARRAY ? 'deep' : v;
      for (let i = 0; i < 150; i++) bodies.push(JSON.stringify(randomValue(rng) ?? null, jsonSafe) ?? 'null');
      for (const [i, body] of bodies.entries()) {
        const method = methods[i % methods.length] as MethodName;
        const res = await post(`/api/rpc/${method}`, body);
        expect(res.status, `${method} ${body.slice(0, 40)}`).toBe(Buffer.byteLength(body) > MAX_BODY ? 413 : 200);
        jsonAnswer(res);
      }
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();

      const alive = await post('/api/rpc/app.info', '{}');
      expect(alive.status).toBe(200);
      expect(jsonAnswer(alive)).toMatchObject({ ok: true });
    },
  );
});
