import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The process boundaries are enforced by lint (eslint.config.js); this proves the rules bite. */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(code: string, filePath: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').length;
}

describe('lint boundaries', () => {
  it('core/ may not import electron or electron-store', async () => {
    expect(await restricted("import { app } from 'electron';\nexport const a = app;\n", 'core/x.ts')).toBe(1);
    expect(await restricted("import Store from 'electron-store';\nexport const s = Store;\n", 'core/x.ts')).toBe(1);
    expect(await restricted("import fs from 'node:fs';\nexport const f = fs;\n", 'core/x.ts')).toBe(0);
  });

  it('renderer/ may import only types from the contract, and nothing from Node or the rest of core', async () => {
    const file = 'renderer/src/features/x.ts';
    expect(
      await restricted("import type { Client } from '@contract/clients.ts';\nexport type C = Client;\n", file),
    ).toBe(0);
    expect(
      await restricted("import { contract } from '@contract/index.ts';\nexport const c = contract;\n", file),
    ).toBeGreaterThan(0);
    // The contract is reached through its alias only, so the rule above cannot be walked around.
    expect(
      await restricted(
        "import type { Client } from '../../../core/contract/clients.ts';\nexport type C = Client;\n",
        file,
      ),
    ).toBeGreaterThan(0);
    expect(
      await restricted(
        "import { openDatabase } from '../../../core/db/open.ts';\nexport const o = openDatabase;\n",
        file,
      ),
    ).toBeGreaterThan(0);
    // The one plain-data module shared word for word (labels); it may not import values itself.
    expect(
      await restricted(
        "import { ALLERGEN_LABELS } from '@contract/labels.ts';\nexport const l = ALLERGEN_LABELS;\n",
        file,
      ),
    ).toBe(0);
    expect(
      await restricted(
        "import { ALLERGENS } from './common.ts';\nexport const a = ALLERGENS;\n",
        'core/contract/labels.ts',
      ),
    ).toBe(1);
    expect(
      await restricted(
        "import type { Allergen } from './common.ts';\nexport type A = Allergen;\n",
        'core/contract/labels.ts',
      ),
    ).toBe(0);
    expect(await restricted("import fs from 'node:fs';\nexport const f = fs;\n", file)).toBe(1);
    expect(await restricted("import { z } from 'zod';\nexport const s = z;\n", file)).toBe(1);
  });

  it('the preload may use the method names only', async () => {
    const file = 'electron/preload/x.ts';
    expect(
      await restricted(
        "import { METHOD_NAMES } from '../../core/contract/names.ts';\nexport const m = METHOD_NAMES;\n",
        file,
      ),
    ).toBe(0);
    expect(
      await restricted("import { contract } from '../../core/contract/index.ts';\nexport const c = contract;\n", file),
    ).toBe(1);
  });
});
