import { utilityProcess } from 'electron';
import type { CoreProcessPort } from '../../core/host/core-relay.ts';
import type { FromCore } from '../../core/host/core-protocol.ts';

/**
 * Starts the core in an Electron utility process (a Node process Chromium's process model manages:
 * it dies with the app, and its crash is reported like a renderer's). The entry is the core's
 * process entry bundled beside main (out/main/core-process.js).
 */
export function startUtilityCore(entry: string): CoreProcessPort {
  const child = utilityProcess.fork(entry, [], { serviceName: 'BioAI Nutrition core', stdio: 'inherit' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    post: (m) => child.postMessage(m),
    onMessage: (listener) => child.on('message', (m: unknown) => listener(m as FromCore)),
    onExit: (listener) => void exited.then(listener),
    kill: () => void child.kill(),
  };
}
