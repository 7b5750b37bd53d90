import { parseArgs } from 'node:util';

/**
 * A command's options, parsed strictly: an unknown option, a value given to a flag or a missing value is
 * a usage error. `text` options take a value, `flags` do not; words without a dash (`positionals`) are
 * refused unless the command takes them.
 */
export function commandArgs<const T extends string = never, const F extends string = never>(
  args: string[],
  spec: { text?: readonly T[]; flags?: readonly F[]; positionals?: boolean },
): { values: { [K in T]?: string } & { [K in F]?: boolean }; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const name of spec.text ?? []) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  const { values, positionals } = parseArgs({
    args,
    options,
    allowPositionals: spec.positionals ?? false,
    strict: true,
  });
  return { values: values as { [K in T]?: string } & { [K in F]?: boolean }, positionals };
}
