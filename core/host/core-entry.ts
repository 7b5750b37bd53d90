import type { Channel, FromCore, ToCore } from './core-protocol.ts';
import { serveCore } from './core-process.ts';

/**
 * The core process's entry. Under Electron it runs as a utility process and talks over
 * `process.parentPort`; under Node it runs as a forked child and talks over its IPC channel
 * (`process.send`). Both carry structured clones, so the same messages work on either.
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function channel(): Channel<FromCore, ToCore> {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (m) => parentPort.postMessage(m),
      onMessage: (listener) => parentPort.on('message', (e) => listener(e.data as ToCore)),
    };
  }
  if (!process.send) throw new Error('The core process needs a parent to talk to (start it with fork).');
  return {
    post: (m) => process.send?.(m),
    onMessage: (listener) => process.on('message', (m) => listener(m as ToCore)),
  };
}

// Ctrl-C reaches the whole process group: the host closes the core cleanly, so the core leaves it to the host.
process.on('SIGINT', () => undefined);
// A host that goes away takes its core with it: nothing is left holding the database.
process.on('disconnect', () => process.exit(0));
serveCore(channel(), () => setImmediate(() => process.exit(0)));
