import path from 'node:path';
import type { Core } from '../../app.ts';
import { CliError, rpc } from '../rpc.ts';
import { resolveClient } from './resolve.ts';
import { writePrivateFile } from '../private-file.ts';
import { commandArgs } from '../options.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * bioai report --client <id|name> --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf [--page-size A4|Letter]
 *   [--variant client|practitioner] [--include-notes]
 * The client variant (default) is the client's copy: accepted recommendations in the client's words and no
 * practitioner notes unless --include-notes; the practitioner variant is the case report, notes included.
 * Eating-disorder-sensitive care applies to both.
 */
export async function report(core: Core, args: string[], out: (s: string) => void): Promise<void> {
  const { values } = commandArgs(args, {
    text: ['client', 'from', 'to', 'out', 'page-size', 'variant'],
    flags: ['include-notes'],
  });
  if (!values.client || !values.from || !values.to || !values.out) {
    throw new CliError('report needs --client <id|name> --from YYYY-MM-DD --to YYYY-MM-DD --out report.pdf.', 2);
  }
  for (const [flag, v] of [
    ['--from', values.from],
    ['--to', values.to],
  ] as const) {
    if (!ISO_DATE.test(v)) throw new CliError(`${flag} must be a date as YYYY-MM-DD, not "${v}".`, 2);
  }
  const pageSize = values['page-size'] ?? 'A4';
  if (pageSize !== 'A4' && pageSize !== 'Letter') {
    throw new CliError(`--page-size must be A4 or Letter, not "${pageSize}".`, 2);
  }
  const variant = values.variant ?? 'client';
  if (variant !== 'client' && variant !== 'practitioner') {
    throw new CliError(`--variant must be client or practitioner, not "${variant}".`, 2);
  }
  const client = await resolveClient(core, values.client);
  const result = await rpc(core, 'reports.export', {
    clientId: client.id,
    from: values.from,
    to: values.to,
    pageSize,
    variant,
    ...(values['include-notes'] ? { includeNotes: true } : {}),
  });
  writePrivateFile(values.out, Buffer.from(result.dataBase64, 'base64'));
  out(
    `Wrote ${client.name}'s ${variant === 'client' ? 'report' : 'case report'} for ${values.from} to ${values.to} to ${path.resolve(values.out)} ` +
      `(${result.pages} ${result.pages === 1 ? 'page' : 'pages'}, ${result.bytes.toLocaleString('en')} bytes).`,
  );
}
