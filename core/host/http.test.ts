import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../app.ts';
import { silentLogger } from '../logging/log.ts';
import { FAST_SCRYPT, PASSPHRASE } from '../test-utils/core-harness.ts';
import { tempDir } from '../test-utils/temp-dir.ts';
import { startBrowserHost, type BrowserHost } from './http.ts';

let host: BrowserHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(): Promise<BrowserHost> {
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'outside');
  const core = createCore({ dataDir: tempDir(), host: 'browser', log: silentLogger, scrypt: FAST_SCRYPT });
  host = await startBrowserHost({ core, staticDir, log: silentLogger, maxBody: 10_000 });
  return host;
}

/** A raw request, so tests can send any Host or Origin header (fetch would not allow it). */
function request(
  h: BrowserHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: h.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${h.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** The event stream's text up to its first session.changed event (the stream is then closed). */
function firstSessionChange(h: BrowserHost): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const req = http.get(
      {
        host: '127.0.0.1',
        port: h.port,
        path: `/api/events?token=${h.token}`,
        headers: { host: `127.0.0.1:${h.port}` },
      },
      (res) => {
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString('utf8');
          if (buf.includes('event: session.changed')) {
            resolve(buf);
            req.destroy();
          }
        });
      },
    );
    req.on('error', reject);
  });
}

const rpc = (h: BrowserHost, method: string, input: unknown, headers: Record<string, string> = {}) =>
  request(h, {
    method: 'POST',
    path: `/api/rpc/${method}`,
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });

describe('browser host', () => {
  it('listens on loopback only and puts the token in the fragment', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.openUrl).toBe(`${h.url}#token=${h.token}`);
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('runs the contract with the token, and refuses without it or with a wrong one', async () => {
    const h = await start();
    const status = await rpc(h, 'session.status', {});
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, data: { state: 'needs-setup', host: 'browser' } });
    expect(status.headers['cache-control']).toBe('no-store');
    expect((await rpc(h, 'session.status', {}, { authorization: '' })).status).toBe(401);
    expect((await rpc(h, 'session.status', {}, { authorization: `Bearer ${h.token.slice(0, -1)}x` })).status).toBe(401);
    const setup = await rpc(h, 'session.setup', { passphrase: PASSPHRASE });
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true, data: { state: 'unlocked' } });
    const created = JSON.parse((await rpc(h, 'clients.create', { name: 'Web Client' })).body) as { ok: boolean };
    expect(created.ok).toBe(true);
  });

  it('refuses foreign Host headers (DNS rebinding) and cross-site origins', async () => {
    const h = await start();
    expect((await rpc(h, 'session.status', {}, { host: `evil.example:${h.port}` })).status).toBe(421);
    expect((await rpc(h, 'session.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc(h, 'session.status', {}, { origin: `http://127.0.0.1:${h.port}` })).status).toBe(200);
  });

  it('answers malformed requests with a reason', async () => {
    const h = await start();
    const bad = await request(h, {
      method: 'POST',
      path: '/api/rpc/session.status',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ message: 'The request body is not valid JSON.' });
    const big = await rpc(h, 'clients.create', { name: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    const text = await request(h, {
      method: 'POST',
      path: '/api/rpc/session.status',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    expect(
      (await request(h, { path: '/api/rpc/session.status', headers: { authorization: `Bearer ${h.token}` } })).status,
    ).toBe(405);
    const unknown = await rpc(h, 'fs.readFile', { path: '/etc/passwd' });
    expect(JSON.parse(unknown.body)).toEqual({ ok: false, code: 'invalid-input', message: 'Unknown request.' });
  });

  it('serves the built renderer with the CSP, falls back to index.html, and never leaves its folder', async () => {
    const h = await start();
    const index = await request(h, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect((await request(h, { path: '/assets/app.js' })).headers['content-type']).toContain('text/javascript');
    for (const p of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/clients/123']) {
      const res = await request(h, { path: p });
      expect(res.body).toBe('<!doctype html><title>app</title>');
    }
  });

  it('serves the interface while the core is still loading; API calls and events wait for it', async () => {
    const staticDir = tempDir();
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    let provide!: (core: ReturnType<typeof createCore>) => void;
    const pending = new Promise<ReturnType<typeof createCore>>((resolve) => (provide = resolve));
    const h = await startBrowserHost({ core: pending, staticDir, log: silentLogger });
    host = h;
    expect((await request(h, { path: '/' })).body).toBe('<!doctype html><title>app</title>');
    let answered = false;
    const status = rpc(h, 'session.status', {}).then((r) => {
      answered = true;
      return r;
    });
    // The index is served again while the call waits: nothing is blocked on the core.
    expect((await request(h, { path: '/' })).status).toBe(200);
    expect(answered).toBe(false);
    const core = createCore({ dataDir: tempDir(), host: 'browser', log: silentLogger, scrypt: FAST_SCRYPT });
    provide(core);
    expect(JSON.parse((await status).body)).toMatchObject({ ok: true, data: { state: 'needs-setup' } });
    const events = firstSessionChange(h);
    await new Promise((r) => setTimeout(r, 50));
    await rpc(h, 'session.setup', { passphrase: PASSPHRASE });
    expect(await events).toMatch(/event: session\.changed/);
    core.close();
  });

  it('streams core events to an authorised listener', async () => {
    const h = await start();
    expect((await request(h, { path: '/api/events?token=wrong' })).status).toBe(401);
    const got = firstSessionChange(h);
    await new Promise((r) => setTimeout(r, 50));
    await rpc(h, 'session.setup', { passphrase: PASSPHRASE });
    expect(await got).toMatch(/event: session\.changed\ndata: \{"state":"unlocked"/);
  });
});
