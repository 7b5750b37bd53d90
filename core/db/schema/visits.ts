import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * A client's visits (added in 0014): one row per consultation. The note (ADIME or SOAP sections), the
 * goals agreed and the ids of the recommendations accepted are JSON text: each is read and written
 * whole with its visit, never queried on its own, and syncing them as one field each keeps an edited
 * note or goal list from arriving half-merged on another computer. Removal is a tombstone
 * (deleted_at); erasing the client removes the rows outright (ON DELETE CASCADE).
 */
export const clientVisits = sqliteTable(
  'client_visits',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The date of the visit, YYYY-MM-DD (the practice's local date). */
    visitDate: text('visit_date').notNull(),
    /** 'first', 'follow-up' or 'phone'. */
    visitType: text('visit_type').notNull(),
    durationMin: integer('duration_min'),
    /** The note: {"format":"adime"|"soap", …its four sections}. */
    noteJson: text('note_json').notNull(),
    /** The goals agreed at this visit, each with its own id (kept across edits). */
    goalsJson: text('goals_json').notNull(),
    /** When the client is next due, YYYY-MM-DD; on or after visit_date. */
    nextFollowUp: text('next_follow_up'),
    /** The ids of the recommendations accepted at this visit. */
    acceptedRecommendationIdsJson: text('accepted_recommendation_ids_json').notNull(),
    ...timestamps,
  },
  (t) => [index('client_visits_client_idx').on(t.clientId, t.visitDate)],
);
