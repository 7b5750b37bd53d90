import { z } from 'zod';

/** One method of the contract: the zod schema of what a caller sends and of what it gets back. */
export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** The input of a method that takes nothing. */
export const Empty = z.object({}).strict().default({});

/** Every answer crosses every transport as this envelope: errors are data, never thrown objects. */
export type RpcResult<T> =
  { ok: true; data: T } | { ok: false; code: string; message: string; fields?: Record<string, string> };
