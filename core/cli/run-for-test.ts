import { vi } from 'vitest';
import { main } from './main.ts';

/**
 * Runs the CLI as a person would (arguments, environment), collecting what it prints: stdout through
 * main's writer, stderr by listening to process.stderr. For tests only.
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(args, (s) => out.push(s));
    return { code, out: out.join('\n'), err: err.join('') };
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
}
