import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '../app.ts';
import type { Logger } from '../logging/log.ts';
import { EVENT_NAMES } from '../contract/names.ts';
import { CSP } from '../security/csp.ts';

/**
 * The browser host: the same core and contract as the desktop app, behind a loopback-only HTTP
 * endpoint, serving the built renderer. Protection, in order:
 * - it listens on 127.0.0.1 only, never on other interfaces;
 * - every API call needs the per-launch random token (given once, in the URL fragment, so it never
 *   reaches a server log or a Referer header);
 * - the Host header must name the loopback address (defeats DNS rebinding) and a cross-site Origin
 *   is refused, so another web page in the same browser cannot call it;
 * - the same CSP as the desktop app, and no caching of API answers.
 */

/** What the host needs of the core: its contract and its events. */
export type HostCore = Pick<Core, 'dispatch' | 'subscribe'>;

export interface BrowserHostOptions {
  /**
   * The core, or its promise: the host listens and serves the interface at once, and API calls wait
   * for the core while it is still loading.
   */
  core: HostCore | Promise<HostCore>;
  staticDir: string;
  log: Logger;
  port?: number;
  /** Largest request body accepted (bytes). */
  maxBody?: number;
}

export interface BrowserHost {
  url: string;
  /** The URL including the token fragment: what a person opens. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export { CSP };

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'cache-control': 'no-store' });
}

function tokenMatches(given: string | undefined | null, token: Buffer): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === token.length && timingSafeEqual(g, token);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = (): void => {
      // Drain without keeping the rest, so the 413 answer can still be delivered.
      req.removeAllListeners('data');
      req.resume();
      reject(Object.assign(new Error('too large'), { status: 413 }));
    };
    if (declared > limit) {
      tooLarge();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { log } = options;
  const core = Promise.resolve(options.core);
  const staticRoot = path.resolve(options.staticDir);
  const indexFile = path.join(staticRoot, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(`The app's interface is not built (${indexFile} is missing). Run "npm run build" first.`);
  }
  const maxBody = options.maxBody ?? 32 * 1024 * 1024;
  const tokenText = randomBytes(32).toString('base64url');
  const token = Buffer.from(tokenText);
  let allowedHosts = new Set<string>();
  const streams = new Set<http.ServerResponse>();

  let closed = false;
  let unsubscribe = (): void => undefined;
  void core.then(
    (c) => {
      if (closed) return;
      unsubscribe = c.subscribe((event, payload) => {
        const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
        for (const res of streams) res.write(frame);
      });
    },
    () => undefined, // reported by the calls that need the core
  );

  const serveStatic = (res: http.ServerResponse, urlPath: string): void => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      send(res, 400, 'Bad path', 'text/plain; charset=utf-8');
      return;
    }
    const file = path.resolve(staticRoot, `.${path.posix.normalize(decoded)}`);
    // Never serve outside the built renderer, whatever the path says.
    const inside = file === staticRoot || file.startsWith(staticRoot + path.sep);
    const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : indexFile;
    const type = MIME[path.extname(target)] ?? 'application/octet-stream';
    const cache = target === indexFile ? 'no-cache' : 'public, max-age=31536000, immutable';
    send(res, 200, fs.readFileSync(target), type, { 'cache-control': cache });
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) {
        send(res, 421, 'Misdirected request', 'text/plain; charset=utf-8');
        return;
      }
      const origin = req.headers.origin;
      if (origin && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        sendJson(res, 403, { ok: false, code: 'unauthorized', message: 'Cross-site requests are refused.' });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname.startsWith('/api/rpc/')) {
        if (req.method !== 'POST') {
          sendJson(res, 405, { ok: false, code: 'invalid-input', message: 'Use POST.' });
          return;
        }
        const auth = req.headers.authorization;
        if (!tokenMatches(auth?.startsWith('Bearer ') ? auth.slice(7) : null, token)) {
          sendJson(res, 401, { ok: false, code: 'unauthorized', message: 'Missing or wrong access token.' });
          return;
        }
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          sendJson(res, 415, { ok: false, code: 'invalid-input', message: 'Send JSON.' });
          return;
        }
        let input: unknown;
        try {
          const body = await readBody(req, maxBody);
          input = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
        } catch (err) {
          const status = (err as { status?: number }).status === 413 ? 413 : 400;
          sendJson(res, status, {
            ok: false,
            code: 'invalid-input',
            message: status === 413 ? 'The request is too large.' : 'The request body is not valid JSON.',
          });
          return;
        }
        let method: string;
        try {
          method = decodeURIComponent(url.pathname.slice('/api/rpc/'.length));
        } catch {
          // A malformed %-escape is the caller's error, not the host's (it was answered 500 before).
          sendJson(res, 400, { ok: false, code: 'invalid-input', message: 'Unknown request.' });
          return;
        }
        sendJson(res, 200, await (await core).dispatch(method, input));
        return;
      }

      if (url.pathname === '/api/events') {
        if (!tokenMatches(url.searchParams.get('token'), token)) {
          sendJson(res, 401, { ok: false, code: 'unauthorized', message: 'Missing or wrong access token.' });
          return;
        }
        res.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(`: connected ${EVENT_NAMES.length} event types\n\n`);
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
        return;
      }
      serveStatic(res, url.pathname);
    })().catch((err: unknown) => {
      log.error('browser host: request failed', { error: err });
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'internal', message: 'The host failed to answer.' });
      else res.end();
    });
  });
  server.requestTimeout = 5 * 60 * 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;
  log.info('browser host listening', { port });

  return {
    url,
    openUrl: `${url}#token=${tokenText}`,
    token: tokenText,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        unsubscribe();
        for (const res of streams) res.end();
        streams.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
