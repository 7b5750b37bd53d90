import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * A client's measurements over time (added in 0013): weight, waist, blood pressure, lab values and the
 * practitioner's own kinds (core/measures/kinds.ts). Each row is one reading on one date; the value is
 * stored in the kind's canonical unit (kg, cm, mmol/L …) and the unit it was entered in is kept so the
 * reading is shown back as typed. Removal is a tombstone (deleted_at); erasing the client removes the
 * rows outright (ON DELETE CASCADE).
 */
export const clientMeasurements = sqliteTable(
  'client_measurements',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** A built-in kind ('weight', 'hba1c' …) or 'custom'. */
    kind: text('kind').notNull(),
    /** The practitioner's name for a custom kind ("Grip strength"); null for built-in kinds. */
    customName: text('custom_name'),
    /** The value in the kind's canonical unit (a custom kind's own unit); systolic for blood pressure. */
    value: real('value').notNull(),
    /** Blood pressure's diastolic value (mmHg); null for every other kind. */
    value2: real('value2'),
    /** The unit the value was entered in (one of the kind's units). */
    unit: text('unit').notNull(),
    /** The date the measurement was taken, YYYY-MM-DD (the client's local date). */
    measuredOn: text('measured_on').notNull(),
    /** How it was measured, where that matters (body fat %: BIA, DXA, skinfolds …). */
    method: text('method'),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('client_measurements_client_idx').on(t.clientId, t.kind, t.measuredOn)],
);
