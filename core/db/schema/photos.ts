import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { clients } from './clients.ts';
import { timestamps } from './columns.ts';

/**
 * Meal photos, stored only inside the encrypted database: a downscaled JPEG of the original (EXIF
 * orientation applied, metadata stripped) and a thumbnail. `detections` is what the model proposed;
 * `items` what the practitioner reviewed and saved (boxes + final labels: the learning dataset).
 */
export const mealPhotos = sqliteTable(
  'meal_photos',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id),
    localDate: text('local_date'),
    image: blob('image', { mode: 'buffer' }).notNull(),
    thumbnail: blob('thumbnail', { mode: 'buffer' }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    detections: text('detections', { mode: 'json' }).$type<unknown[]>().notNull(),
    items: text('items', { mode: 'json' }).$type<unknown[]>(),
    modelId: text('model_id').notNull(),
    provider: text('provider').notNull(),
    /** 'pending' (analysed, not reviewed) | 'saved' | 'discarded' */
    status: text('status').notNull(),
    ...timestamps,
  },
  (t) => [index('meal_photos_client_idx').on(t.clientId, t.status, t.createdAt)],
);
