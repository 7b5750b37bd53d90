import net from 'node:net';

/**
 * A TCP proxy in front of a real server that can cut connections, for testing what a device does
 * when the network drops in the middle of a request. Modes, each applied to the next request whose
 * first line contains `match`:
 * - 'before-server': the request is cut after its first bytes, so the server never sees it whole;
 * - 'after-server': the request reaches the server, which answers; the answer is thrown away and
 *   the connection reset, so the client cannot know whether it was applied.
 */
export type DropMode = 'before-server' | 'after-server';

export interface DropProxy {
  url: string;
  /** Cuts the next `times` requests matching `match`. */
  drop(match: string, mode: DropMode, times?: number): void;
  /** How many requests were cut so far. */
  dropped(): number;
  close(): Promise<void>;
}

export async function startDropProxy(target: string): Promise<DropProxy> {
  const upstream = new URL(target);
  let plan: { match: string; mode: DropMode; left: number } | null = null;
  let cut = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    const up = net.connect(Number(upstream.port), upstream.hostname);
    sockets.add(up);
    let mode: DropMode | null = null;
    client.on('data', (chunk: Buffer) => {
      // Connections are kept alive: every chunk that starts a request is a new decision.
      const firstLine = chunk.toString('latin1', 0, Math.min(chunk.length, 200)).split('\r\n', 1)[0] ?? '';
      if (/^(GET|POST|PUT|PATCH|DELETE) \S+ HTTP\/1\.[01]$/.test(firstLine)) {
        mode = null;
        if (plan && plan.left > 0 && firstLine.includes(plan.match)) {
          mode = plan.mode;
          plan.left--;
          cut++;
        }
      }
      if (mode === 'before-server') {
        up.write(chunk.subarray(0, Math.min(chunk.length, 40)));
        client.resetAndDestroy();
        up.destroy();
        return;
      }
      up.write(chunk);
    });
    up.on('data', (chunk: Buffer) => {
      if (mode === 'after-server') {
        client.resetAndDestroy();
        up.destroy();
        return;
      }
      client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      up.destroy();
      sockets.delete(client);
      sockets.delete(up);
    };
    client.on('error', end);
    up.on('error', end);
    client.on('close', end);
    up.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    drop(match, m, times = 1) {
      plan = { match, mode: m, left: times };
    },
    dropped: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
