import type { Core } from '../app.ts';
import type { MethodInput, MethodName, MethodOutput } from '../contract/index.ts';

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Calls the contract exactly as the UI does; a failure becomes a CliError with the same sentence. */
export async function rpc<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) {
    const fields = result.fields ? Object.entries(result.fields).filter(([, m]) => m !== result.message) : [];
    const detail = fields.map(([f, m]) => `\n  ${f}: ${m}`).join('');
    throw new CliError(`${result.message}${detail}`);
  }
  return result.data as MethodOutput<M>;
}
