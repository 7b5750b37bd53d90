import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ClientsService } from '../clients/clients.ts';
import { ClientPatch, clientFieldShapes, type Client } from '../contract/clients.ts';
import { ALLERGENS, CONDITIONS } from '../contract/common.ts';
import { AppError } from '../contract/errors.ts';
import {
  INTAKE_PROFILE_FIELDS,
  type IntakeProfileField,
  type IntakeReview,
  type IntakeReviewRow,
} from '../contract/forms.ts';
import { ALLERGEN_LABELS } from '../contract/labels.ts';
import type { Db } from '../db/open.ts';
import { settings as settingsTable } from '../db/schema.ts';
import { clientAllergens } from '../foods/allergens.ts';
import type { SettingsService } from '../settings/settings.ts';
import { readIntakeForm, writeIntakeForm } from './intake-pdf.ts';
import {
  CONDITION_LABELS,
  FIELDS_FINGERPRINT,
  FORM_VERSION,
  INTAKE_FIELDS,
  NOTE_FIELDS,
  allergyField,
  conditionField,
} from './intake-spec.ts';

/**
 * Intake questionnaires: made for one client, filled in by the client in any PDF reader, read back
 * into a review of profile changes, and applied as the practitioner accepts. The form carries who
 * issued it and for whom, signed (HMAC-SHA-256) with a secret kept inside the encrypted database, so
 * a form from another practice or data folder, for another client, or altered, is refused
 * (docs/decisions/intake-forms.md).
 */
export interface IntakeService {
  intakeForm(clientId: string): Promise<{ fileName: string; dataBase64: string; bytes: number }>;
  review(clientId: string, pdf: Uint8Array): Promise<IntakeReview>;
  apply(
    clientId: string,
    pdf: Uint8Array,
    accept: IntakeProfileField[],
    confirm: boolean,
  ): Promise<{ applied: IntakeProfileField[] }>;
}

const SECRET_KEY = 'intake-forms';
const TOKEN_PREFIX = 'BIOAI-INTAKE';

interface Issuer {
  issuerId: string;
  secret: Buffer;
}

const LABELS: Record<IntakeProfileField, string> = {
  name: 'Name',
  email: 'E-mail',
  phone: 'Phone',
  birthDate: 'Date of birth',
  sex: 'Sex',
  heightCm: 'Height (cm)',
  weightKg: 'Weight (kg)',
  conditions: 'Medical conditions',
  allergies: 'Allergies',
  dietPattern: 'Diet pattern',
  activityLevel: 'Activity level',
  goal: 'Goal',
  notes: 'Notes (answers with no profile field)',
};

export function createIntakeService(deps: {
  db: Db;
  clients: ClientsService;
  settings: SettingsService;
  now: () => number;
  today: () => string;
}): IntakeService {
  const { db, clients, settings } = deps;

  /** This data folder's form issuer: an id and a 32-byte secret, made once, kept in the encrypted database. */
  const issuer = (): Issuer => {
    const row = db.select().from(settingsTable).where(eq(settingsTable.key, SECRET_KEY)).get();
    const v = row?.value as { issuerId?: unknown; secret?: unknown } | undefined;
    if (typeof v?.issuerId === 'string' && typeof v.secret === 'string')
      return { issuerId: v.issuerId, secret: Buffer.from(v.secret, 'base64') };
    const made = { issuerId: randomUUID(), secret: randomBytes(32).toString('base64') };
    db.insert(settingsTable)
      .values({ key: SECRET_KEY, value: made, updatedAt: deps.now() })
      .onConflictDoNothing()
      .run();
    return issuer();
  };

  const mac = (secret: Buffer, issuerId: string, clientId: string, issuedOn: string): string =>
    createHmac('sha256', secret)
      .update([TOKEN_PREFIX, FORM_VERSION, issuerId, clientId, issuedOn, FIELDS_FINGERPRINT].join('\n'))
      .digest('hex');

  /** Checks the form's identity and field set; returns the date it was issued. */
  function verify(clientId: string, token: string | null, kinds: Record<string, string>): string {
    if (token === null)
      throw new AppError(
        'invalid-input',
        'This PDF is not a BioAI Nutrition intake form (it has no form identity). Nothing was imported.',
      );
    const parts = token.trim().split(/\s+/);
    const [prefix, version, issuerId, formClient, issuedOn, sig] = parts;
    if (parts.length !== 6 || prefix !== TOKEN_PREFIX || !sig || !/^v\d+$/.test(version ?? ''))
      throw new AppError(
        'invalid-input',
        'This intake form has been altered: its identity field cannot be read. Nothing was imported.',
      );
    if (version !== `v${FORM_VERSION}`)
      throw new AppError(
        'unsupported',
        `This intake form is version ${version?.slice(1)}, which this version of the app cannot read. Nothing was imported.`,
      );
    const me = issuer();
    if (issuerId !== me.issuerId)
      throw new AppError(
        'invalid-input',
        'This intake form was issued by another practice (or another BioAI Nutrition data folder), not by this one. Nothing was imported.',
      );
    const expected = Buffer.from(mac(me.secret, issuerId, formClient ?? '', issuedOn ?? ''), 'hex');
    const given = Buffer.from(/^[0-9a-f]{64}$/.test(sig) ? sig : '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppError(
        'invalid-input',
        'This intake form has been altered: its identity does not match its signature. Nothing was imported.',
      );
    if (formClient !== clientId) {
      let who = 'another client';
      try {
        who = clients.get(formClient ?? '').name;
      } catch {
        // The other client may have been deleted since.
      }
      throw new AppError(
        'invalid-input',
        `This intake form was issued for ${who}, not for this client. Import it for that client. Nothing was imported.`,
      );
    }
    for (const f of INTAKE_FIELDS) {
      if (kinds[f.name] === undefined)
        throw new AppError(
          'invalid-input',
          `This intake form has been altered: its field "${f.name}" is missing. Nothing was imported.`,
        );
      const kind = kinds[f.name];
      // A multi-line box may come back single-line from some tools; both are text.
      const sameKind =
        kind === f.kind || (f.kind !== 'check' && f.kind !== 'choice' && (kind === 'text' || kind === 'multiline'));
      if (!sameKind)
        throw new AppError(
          'invalid-input',
          `This intake form has been altered: its field "${f.name}" is no longer a ${f.kind} field. Nothing was imported.`,
        );
    }
    return issuedOn ?? '';
  }

  async function reviewOf(
    clientId: string,
    pdf: Uint8Array,
  ): Promise<{ review: IntakeReview; proposed: Partial<Client> }> {
    const client = clients.get(clientId);
    const form = await readIntakeForm(pdf);
    const issuedOn = verify(clientId, form.token, form.kinds);
    const v = (name: string): string => (form.values[name] ?? '').trim();
    const rows: IntakeReviewRow[] = [];
    const proposed: Partial<Client> = {};

    const show = (x: unknown): string =>
      x === null || x === undefined ? '' : Array.isArray(x) ? x.join(', ') : String(x);
    const add = (field: IntakeProfileField, value: unknown, problem: string | null, display?: string): void => {
      const current = show(client[field]);
      const next = display ?? show(value);
      if (problem === null) {
        const parsed = clientFieldShapes[field].safeParse(value);
        if (!parsed.success) problem = parsed.error.issues[0]?.message ?? 'Not a valid value.';
        else (proposed as Record<string, unknown>)[field] = parsed.data;
      }
      const same =
        problem === null &&
        JSON.stringify(client[field]) === JSON.stringify((proposed as Record<string, unknown>)[field]);
      rows.push({
        field,
        label: LABELS[field],
        current,
        proposed: next,
        status: same ? 'same' : current === '' ? 'new' : 'changed',
        problem,
      });
    };

    if (v('contact_name')) add('name', v('contact_name'), null);
    if (v('contact_email')) add('email', v('contact_email'), null);
    if (v('contact_phone')) add('phone', v('contact_phone'), null);
    const birth = v('birth_date');
    if (birth)
      add('birthDate', birth, /^\d{4}-\d{2}-\d{2}$/.test(birth) ? null : `"${birth}" is not a date as YYYY-MM-DD.`);
    if (v('sex'))
      add('sex', v('sex'), v('sex').startsWith('?') ? `"${v('sex').slice(1)}" is not one of the options.` : null);
    for (const [name, field] of [
      ['height_cm', 'heightCm'],
      ['weight_kg', 'weightKg'],
    ] as const) {
      const raw = v(name);
      if (!raw) continue;
      // Either decimal separator: "61,5" and "61.5" are the same weight.
      const n = /^\d+(?:[.,]\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : Number.NaN;
      add(field, Number.isNaN(n) ? raw : n, Number.isNaN(n) ? `"${raw}" is not a number.` : null);
    }

    // Conditions and allergies are added to, never removed: a client who leaves a box empty has not
    // said that a recorded condition or allergy is gone, and dropping one would lift its guardrails.
    const ticked = CONDITIONS.filter((c) => form.values[conditionField(c)] === 'true');
    if (ticked.length > 0) {
      const next = [...client.conditions, ...ticked.filter((c) => !client.conditions.includes(c))];
      add('conditions', next, null, next.map((c) => CONDITION_LABELS[c]).join(', '));
    }
    const have = clientAllergens(client);
    const words = [
      ...ALLERGENS.filter((a) => form.values[allergyField(a)] === 'true' && !have.avoided.has(a)).map(
        (a) => ALLERGEN_LABELS[a],
      ),
      ...v('allergies_other')
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ];
    if (words.length > 0 || ALLERGENS.some((a) => form.values[allergyField(a)] === 'true')) {
      const next = [...client.allergies];
      for (const w of words) if (!next.some((x) => x.toLowerCase() === w.toLowerCase())) next.push(w);
      add('allergies', next, null);
    }
    for (const [name, field] of [
      ['diet_pattern', 'dietPattern'],
      ['activity_level', 'activityLevel'],
      ['goal', 'goal'],
    ] as const) {
      const raw = v(name);
      if (raw) add(field, raw, raw.startsWith('?') ? `"${raw.slice(1)}" is not one of the options.` : null);
    }

    // Answers with no profile field of their own are kept in the notes, as one dated block.
    const lines = NOTE_FIELDS.filter(([name]) => v(name)).map(([name, heading]) => `${heading}: ${v(name)}`);
    if (lines.length > 0) {
      const block = [`Intake form (issued ${issuedOn}, imported ${deps.today()}):`, ...lines].join('\n');
      const next = client.notes ? `${client.notes}\n\n${block}` : block;
      add('notes', next, null, block);
    }

    const consent = form.values.consent_data_processing === 'true';
    return { review: { clientId, issuedOn, consent, rows }, proposed };
  }

  return {
    async intakeForm(clientId) {
      const client = clients.get(clientId);
      const { issuerId, secret } = issuer();
      const issuedOn = deps.today();
      const token = [
        TOKEN_PREFIX,
        `v${FORM_VERSION}`,
        issuerId,
        clientId,
        issuedOn,
        mac(secret, issuerId, clientId, issuedOn),
      ].join(' ');
      const s = settings.get();
      const bytes = await writeIntakeForm({
        branding: s,
        issuedOn,
        token,
        prefill: { contact_name: client.name },
      });
      return {
        fileName: `intake-form-${issuedOn}.pdf`,
        dataBase64: Buffer.from(bytes).toString('base64'),
        bytes: bytes.length,
      };
    },

    async review(clientId, pdf) {
      return (await reviewOf(clientId, pdf)).review;
    },

    async apply(clientId, pdf, accept, confirm) {
      const { review, proposed } = await reviewOf(clientId, pdf);
      if (!review.consent)
        throw new AppError(
          'invalid-input',
          'The client did not tick the consent to data processing on the form, so its answers are not kept. Nothing was imported.',
        );
      const patch: Record<string, unknown> = {};
      for (const field of new Set(accept)) {
        const row = review.rows.find((r) => r.field === field);
        if (!row)
          throw new AppError('invalid-input', `The form does not answer "${LABELS[field]}". Nothing was imported.`, {
            [field]: 'Not on the form.',
          });
        if (row.problem)
          throw new AppError('invalid-input', `${LABELS[field]}: ${row.problem} Nothing was imported.`, {
            [field]: row.problem,
          });
        if (row.status !== 'same') patch[field] = proposed[field];
      }
      const parsed = ClientPatch.strict().parse(patch);
      // One transaction (the clients service's): every accepted field, audited by name as an intake import.
      const before = clients.get(clientId);
      const applied = INTAKE_PROFILE_FIELDS.filter(
        (f) => f in parsed && JSON.stringify(before[f]) !== JSON.stringify(parsed[f]),
      );
      if (applied.length > 0) clients.update(clientId, parsed, confirm, 'intake-form-import');
      return { applied };
    },
  };
}
