import { TABLE_SPECS, type SyncTable } from './protocol/tables.ts';

/**
 * Where each synced table lives in the device's SQLite database. Field names are column names,
 * except custom_foods' `portions` and `ingredients`, which are the food's household measures and
 * recipe ingredients as whole lists (child tables edited as a unit by the foods service).
 */
export interface LocalTable {
  table: SyncTable;
  sqlTable: string;
  /** Extra condition on the SQL row (custom foods are the foods rows the practitioner made). */
  where: string | null;
  /** Synced fields that are columns of sqlTable. */
  columns: readonly string[];
  /** The column holding the row's parent id (a foreign key), if any. */
  parent: { column: string; table: SyncTable } | null;
  /**
   * Rows this computer removes outright when their client is erased (meal plans, their entries and
   * notes, favourite foods, meal templates, measurements, visits) instead of keeping them in erased form: an erased row of theirs received from the server is
   * not stored here either.
   */
  removedOnErasure: boolean;
}

const LIST_FIELDS = ['portions', 'ingredients'];

function local(table: SyncTable, sqlTable: string, where: string | null, removedOnErasure = false): LocalTable {
  const spec = TABLE_SPECS[table];
  return {
    table,
    sqlTable,
    where,
    columns: spec.fields.filter((f) => !LIST_FIELDS.includes(f)),
    parent: spec.parent ? { column: spec.parent.field, table: spec.parent.table } : null,
    removedOnErasure,
  };
}

export const LOCAL_TABLES: Record<SyncTable, LocalTable> = {
  clients: local('clients', 'clients', null),
  client_targets: local('client_targets', 'client_targets', null),
  events: local('events', 'events', null),
  recommendations: local('recommendations', 'recommendations', null),
  custom_foods: local('custom_foods', 'foods', "source IN ('custom', 'recipe')"),
  meal_plans: local('meal_plans', 'meal_plans', null, true),
  meal_plan_entries: local('meal_plan_entries', 'meal_plan_entries', null, true),
  meal_plan_notes: local('meal_plan_notes', 'meal_plan_notes', null, true),
  client_favourites: local('client_favourites', 'client_favourites', null, true),
  meal_templates: local('meal_templates', 'meal_templates', null, true),
  client_measurements: local('client_measurements', 'client_measurements', null, true),
  client_visits: local('client_visits', 'client_visits', null, true),
};

export const q = (name: string): string => `"${name}"`;

const ENABLED = '(SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)';

function markFields(t: LocalTable, rowId: string, at: string, condition: (col: string) => string): string {
  const arms = t.columns.map((c) => `SELECT '${c}' AS f WHERE ${condition(c)}`).join(' UNION ALL ');
  return `INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT '${t.table}', ${rowId}, f, ${at} FROM (${arms}) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);`;
}

function markOne(table: SyncTable, rowId: string, field: string, at: string): string {
  return `INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('${table}', ${rowId}, '${field}', ${at})
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);`;
}

/**
 * The change-recording triggers (migrations 0005, 0006, 0009, 0010, 0011, 0013 and 0014 hold their output; a test keeps them equal).
 * A new row records its non-empty fields only, so a row made on a device never sends empty values;
 * an update records exactly the fields whose value changed, including a field the practitioner
 * cleared. The edit time is the row's updated_at (the app's clock, not SQLite's).
 */
export function syncTriggerStatements(): string[] {
  const out: string[] = [];
  for (const t of Object.values(LOCAL_TABLES)) {
    const guard = t.where ? `${ENABLED} AND NEW.${t.where}` : ENABLED;
    out.push(
      `CREATE TRIGGER sync_${t.table}_insert AFTER INSERT ON ${t.sqlTable} WHEN ${guard}
BEGIN
  ${markFields(t, 'NEW.id', 'NEW.updated_at', (c) => `NEW.${q(c)} IS NOT NULL`)}
END;`,
      `CREATE TRIGGER sync_${t.table}_update AFTER UPDATE ON ${t.sqlTable} WHEN ${guard}
BEGIN
  ${markFields(t, 'NEW.id', 'NEW.updated_at', (c) => `NEW.${q(c)} IS NOT OLD.${q(c)}`)}
END;`,
    );
  }
  // Custom foods' measures and recipe ingredients: any change marks the parent's whole list.
  const children = [
    { sqlTable: 'food_portions', parentCol: 'food_id', field: 'portions' },
    { sqlTable: 'recipe_ingredients', parentCol: 'recipe_id', field: 'ingredients' },
  ];
  for (const c of children) {
    for (const [when, ref] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      const parent = `(SELECT id FROM foods WHERE id = ${ref}.${c.parentCol} AND source IN ('custom', 'recipe'))`;
      out.push(
        `CREATE TRIGGER sync_${c.sqlTable}_${when.toLowerCase()} AFTER ${when} ON ${c.sqlTable}
WHEN ${ENABLED} AND ${parent} IS NOT NULL
BEGIN
  ${markOne('custom_foods', `${ref}.${c.parentCol}`, c.field, `(SELECT updated_at FROM foods WHERE id = ${ref}.${c.parentCol})`)}
END;`,
      );
    }
  }
  out.push('INSERT INTO sync_meta (id, enabled, applying) VALUES (1, 0, 0);');
  return out;
}
