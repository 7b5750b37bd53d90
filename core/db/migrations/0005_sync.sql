CREATE TABLE `sync_dirty` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`at_ms` integer NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `sync_meta` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT 0 NOT NULL,
	`applying` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_key` text NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`hlc` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_outbox_batch_idx` ON `sync_outbox` (`batch_key`,`seq`);--> statement-breakpoint
CREATE TABLE `sync_parked` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_stamps` (
	`tbl` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`tbl`, `row_id`, `field`)
);--> statement-breakpoint
CREATE TRIGGER sync_clients_insert AFTER INSERT ON clients WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'clients', NEW.id, f, NEW.updated_at FROM (SELECT 'name' AS f WHERE NEW."name" IS NOT NULL UNION ALL SELECT 'birth_date' AS f WHERE NEW."birth_date" IS NOT NULL UNION ALL SELECT 'sex' AS f WHERE NEW."sex" IS NOT NULL UNION ALL SELECT 'height_cm' AS f WHERE NEW."height_cm" IS NOT NULL UNION ALL SELECT 'weight_kg' AS f WHERE NEW."weight_kg" IS NOT NULL UNION ALL SELECT 'activity_level' AS f WHERE NEW."activity_level" IS NOT NULL UNION ALL SELECT 'diet_pattern' AS f WHERE NEW."diet_pattern" IS NOT NULL UNION ALL SELECT 'allergies' AS f WHERE NEW."allergies" IS NOT NULL UNION ALL SELECT 'life_stage' AS f WHERE NEW."life_stage" IS NOT NULL UNION ALL SELECT 'life_stage_detail' AS f WHERE NEW."life_stage_detail" IS NOT NULL UNION ALL SELECT 'tags' AS f WHERE NEW."tags" IS NOT NULL UNION ALL SELECT 'email' AS f WHERE NEW."email" IS NOT NULL UNION ALL SELECT 'phone' AS f WHERE NEW."phone" IS NOT NULL UNION ALL SELECT 'notes' AS f WHERE NEW."notes" IS NOT NULL UNION ALL SELECT 'energy_equation' AS f WHERE NEW."energy_equation" IS NOT NULL UNION ALL SELECT 'archived_at' AS f WHERE NEW."archived_at" IS NOT NULL UNION ALL SELECT 'ed_sensitive' AS f WHERE NEW."ed_sensitive" IS NOT NULL UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT NULL UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT NULL) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_clients_update AFTER UPDATE ON clients WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'clients', NEW.id, f, NEW.updated_at FROM (SELECT 'name' AS f WHERE NEW."name" IS NOT OLD."name" UNION ALL SELECT 'birth_date' AS f WHERE NEW."birth_date" IS NOT OLD."birth_date" UNION ALL SELECT 'sex' AS f WHERE NEW."sex" IS NOT OLD."sex" UNION ALL SELECT 'height_cm' AS f WHERE NEW."height_cm" IS NOT OLD."height_cm" UNION ALL SELECT 'weight_kg' AS f WHERE NEW."weight_kg" IS NOT OLD."weight_kg" UNION ALL SELECT 'activity_level' AS f WHERE NEW."activity_level" IS NOT OLD."activity_level" UNION ALL SELECT 'diet_pattern' AS f WHERE NEW."diet_pattern" IS NOT OLD."diet_pattern" UNION ALL SELECT 'allergies' AS f WHERE NEW."allergies" IS NOT OLD."allergies" UNION ALL SELECT 'life_stage' AS f WHERE NEW."life_stage" IS NOT OLD."life_stage" UNION ALL SELECT 'life_stage_detail' AS f WHERE NEW."life_stage_detail" IS NOT OLD."life_stage_detail" UNION ALL SELECT 'tags' AS f WHERE NEW."tags" IS NOT OLD."tags" UNION ALL SELECT 'email' AS f WHERE NEW."email" IS NOT OLD."email" UNION ALL SELECT 'phone' AS f WHERE NEW."phone" IS NOT OLD."phone" UNION ALL SELECT 'notes' AS f WHERE NEW."notes" IS NOT OLD."notes" UNION ALL SELECT 'energy_equation' AS f WHERE NEW."energy_equation" IS NOT OLD."energy_equation" UNION ALL SELECT 'archived_at' AS f WHERE NEW."archived_at" IS NOT OLD."archived_at" UNION ALL SELECT 'ed_sensitive' AS f WHERE NEW."ed_sensitive" IS NOT OLD."ed_sensitive" UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT OLD."created_at" UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT OLD."deleted_at") WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_client_targets_insert AFTER INSERT ON client_targets WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'client_targets', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT NULL UNION ALL SELECT 'effective_from' AS f WHERE NEW."effective_from" IS NOT NULL UNION ALL SELECT 'equation' AS f WHERE NEW."equation" IS NOT NULL UNION ALL SELECT 'overrides' AS f WHERE NEW."overrides" IS NOT NULL UNION ALL SELECT 'note' AS f WHERE NEW."note" IS NOT NULL UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT NULL UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT NULL) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_client_targets_update AFTER UPDATE ON client_targets WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'client_targets', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT OLD."client_id" UNION ALL SELECT 'effective_from' AS f WHERE NEW."effective_from" IS NOT OLD."effective_from" UNION ALL SELECT 'equation' AS f WHERE NEW."equation" IS NOT OLD."equation" UNION ALL SELECT 'overrides' AS f WHERE NEW."overrides" IS NOT OLD."overrides" UNION ALL SELECT 'note' AS f WHERE NEW."note" IS NOT OLD."note" UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT OLD."created_at" UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT OLD."deleted_at") WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_events_insert AFTER INSERT ON events WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'events', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT NULL UNION ALL SELECT 'kind' AS f WHERE NEW."kind" IS NOT NULL UNION ALL SELECT 'occurred_at' AS f WHERE NEW."occurred_at" IS NOT NULL UNION ALL SELECT 'local_date' AS f WHERE NEW."local_date" IS NOT NULL UNION ALL SELECT 'source' AS f WHERE NEW."source" IS NOT NULL UNION ALL SELECT 'energy_kcal' AS f WHERE NEW."energy_kcal" IS NOT NULL UNION ALL SELECT 'protein_g' AS f WHERE NEW."protein_g" IS NOT NULL UNION ALL SELECT 'carb_g' AS f WHERE NEW."carb_g" IS NOT NULL UNION ALL SELECT 'fat_g' AS f WHERE NEW."fat_g" IS NOT NULL UNION ALL SELECT 'sat_fat_g' AS f WHERE NEW."sat_fat_g" IS NOT NULL UNION ALL SELECT 'sugar_g' AS f WHERE NEW."sugar_g" IS NOT NULL UNION ALL SELECT 'added_sugar_g' AS f WHERE NEW."added_sugar_g" IS NOT NULL UNION ALL SELECT 'fibre_g' AS f WHERE NEW."fibre_g" IS NOT NULL UNION ALL SELECT 'water_g' AS f WHERE NEW."water_g" IS NOT NULL UNION ALL SELECT 'sodium_mg' AS f WHERE NEW."sodium_mg" IS NOT NULL UNION ALL SELECT 'potassium_mg' AS f WHERE NEW."potassium_mg" IS NOT NULL UNION ALL SELECT 'calcium_mg' AS f WHERE NEW."calcium_mg" IS NOT NULL UNION ALL SELECT 'iron_mg' AS f WHERE NEW."iron_mg" IS NOT NULL UNION ALL SELECT 'magnesium_mg' AS f WHERE NEW."magnesium_mg" IS NOT NULL UNION ALL SELECT 'zinc_mg' AS f WHERE NEW."zinc_mg" IS NOT NULL UNION ALL SELECT 'vitamin_d_mcg' AS f WHERE NEW."vitamin_d_mcg" IS NOT NULL UNION ALL SELECT 'vitamin_b12_mcg' AS f WHERE NEW."vitamin_b12_mcg" IS NOT NULL UNION ALL SELECT 'folate_mcg' AS f WHERE NEW."folate_mcg" IS NOT NULL UNION ALL SELECT 'vitamin_c_mg' AS f WHERE NEW."vitamin_c_mg" IS NOT NULL UNION ALL SELECT 'vitamin_a_mcg' AS f WHERE NEW."vitamin_a_mcg" IS NOT NULL UNION ALL SELECT 'detail' AS f WHERE NEW."detail" IS NOT NULL UNION ALL SELECT 'food_id' AS f WHERE NEW."food_id" IS NOT NULL UNION ALL SELECT 'meal' AS f WHERE NEW."meal" IS NOT NULL UNION ALL SELECT 'duration_min' AS f WHERE NEW."duration_min" IS NOT NULL UNION ALL SELECT 'burned_kcal' AS f WHERE NEW."burned_kcal" IS NOT NULL UNION ALL SELECT 'sleep_hours' AS f WHERE NEW."sleep_hours" IS NOT NULL UNION ALL SELECT 'sleep_quality' AS f WHERE NEW."sleep_quality" IS NOT NULL UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT NULL UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT NULL) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_events_update AFTER UPDATE ON events WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'events', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT OLD."client_id" UNION ALL SELECT 'kind' AS f WHERE NEW."kind" IS NOT OLD."kind" UNION ALL SELECT 'occurred_at' AS f WHERE NEW."occurred_at" IS NOT OLD."occurred_at" UNION ALL SELECT 'local_date' AS f WHERE NEW."local_date" IS NOT OLD."local_date" UNION ALL SELECT 'source' AS f WHERE NEW."source" IS NOT OLD."source" UNION ALL SELECT 'energy_kcal' AS f WHERE NEW."energy_kcal" IS NOT OLD."energy_kcal" UNION ALL SELECT 'protein_g' AS f WHERE NEW."protein_g" IS NOT OLD."protein_g" UNION ALL SELECT 'carb_g' AS f WHERE NEW."carb_g" IS NOT OLD."carb_g" UNION ALL SELECT 'fat_g' AS f WHERE NEW."fat_g" IS NOT OLD."fat_g" UNION ALL SELECT 'sat_fat_g' AS f WHERE NEW."sat_fat_g" IS NOT OLD."sat_fat_g" UNION ALL SELECT 'sugar_g' AS f WHERE NEW."sugar_g" IS NOT OLD."sugar_g" UNION ALL SELECT 'added_sugar_g' AS f WHERE NEW."added_sugar_g" IS NOT OLD."added_sugar_g" UNION ALL SELECT 'fibre_g' AS f WHERE NEW."fibre_g" IS NOT OLD."fibre_g" UNION ALL SELECT 'water_g' AS f WHERE NEW."water_g" IS NOT OLD."water_g" UNION ALL SELECT 'sodium_mg' AS f WHERE NEW."sodium_mg" IS NOT OLD."sodium_mg" UNION ALL SELECT 'potassium_mg' AS f WHERE NEW."potassium_mg" IS NOT OLD."potassium_mg" UNION ALL SELECT 'calcium_mg' AS f WHERE NEW."calcium_mg" IS NOT OLD."calcium_mg" UNION ALL SELECT 'iron_mg' AS f WHERE NEW."iron_mg" IS NOT OLD."iron_mg" UNION ALL SELECT 'magnesium_mg' AS f WHERE NEW."magnesium_mg" IS NOT OLD."magnesium_mg" UNION ALL SELECT 'zinc_mg' AS f WHERE NEW."zinc_mg" IS NOT OLD."zinc_mg" UNION ALL SELECT 'vitamin_d_mcg' AS f WHERE NEW."vitamin_d_mcg" IS NOT OLD."vitamin_d_mcg" UNION ALL SELECT 'vitamin_b12_mcg' AS f WHERE NEW."vitamin_b12_mcg" IS NOT OLD."vitamin_b12_mcg" UNION ALL SELECT 'folate_mcg' AS f WHERE NEW."folate_mcg" IS NOT OLD."folate_mcg" UNION ALL SELECT 'vitamin_c_mg' AS f WHERE NEW."vitamin_c_mg" IS NOT OLD."vitamin_c_mg" UNION ALL SELECT 'vitamin_a_mcg' AS f WHERE NEW."vitamin_a_mcg" IS NOT OLD."vitamin_a_mcg" UNION ALL SELECT 'detail' AS f WHERE NEW."detail" IS NOT OLD."detail" UNION ALL SELECT 'food_id' AS f WHERE NEW."food_id" IS NOT OLD."food_id" UNION ALL SELECT 'meal' AS f WHERE NEW."meal" IS NOT OLD."meal" UNION ALL SELECT 'duration_min' AS f WHERE NEW."duration_min" IS NOT OLD."duration_min" UNION ALL SELECT 'burned_kcal' AS f WHERE NEW."burned_kcal" IS NOT OLD."burned_kcal" UNION ALL SELECT 'sleep_hours' AS f WHERE NEW."sleep_hours" IS NOT OLD."sleep_hours" UNION ALL SELECT 'sleep_quality' AS f WHERE NEW."sleep_quality" IS NOT OLD."sleep_quality" UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT OLD."created_at" UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT OLD."deleted_at") WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_recommendations_insert AFTER INSERT ON recommendations WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'recommendations', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT NULL UNION ALL SELECT 'rule_id' AS f WHERE NEW."rule_id" IS NOT NULL UNION ALL SELECT 'rule_version' AS f WHERE NEW."rule_version" IS NOT NULL UNION ALL SELECT 'title' AS f WHERE NEW."title" IS NOT NULL UNION ALL SELECT 'message' AS f WHERE NEW."message" IS NOT NULL UNION ALL SELECT 'rationale' AS f WHERE NEW."rationale" IS NOT NULL UNION ALL SELECT 'severity' AS f WHERE NEW."severity" IS NOT NULL UNION ALL SELECT 'category' AS f WHERE NEW."category" IS NOT NULL UNION ALL SELECT 'confidence' AS f WHERE NEW."confidence" IS NOT NULL UNION ALL SELECT 'suggestions' AS f WHERE NEW."suggestions" IS NOT NULL UNION ALL SELECT 'guardrails' AS f WHERE NEW."guardrails" IS NOT NULL UNION ALL SELECT 'references' AS f WHERE NEW."references" IS NOT NULL UNION ALL SELECT 'condition' AS f WHERE NEW."condition" IS NOT NULL UNION ALL SELECT 'values' AS f WHERE NEW."values" IS NOT NULL UNION ALL SELECT 'status' AS f WHERE NEW."status" IS NOT NULL UNION ALL SELECT 'dismiss_reason' AS f WHERE NEW."dismiss_reason" IS NOT NULL UNION ALL SELECT 'expires_at' AS f WHERE NEW."expires_at" IS NOT NULL UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT NULL UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT NULL) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_recommendations_update AFTER UPDATE ON recommendations WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1)
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'recommendations', NEW.id, f, NEW.updated_at FROM (SELECT 'client_id' AS f WHERE NEW."client_id" IS NOT OLD."client_id" UNION ALL SELECT 'rule_id' AS f WHERE NEW."rule_id" IS NOT OLD."rule_id" UNION ALL SELECT 'rule_version' AS f WHERE NEW."rule_version" IS NOT OLD."rule_version" UNION ALL SELECT 'title' AS f WHERE NEW."title" IS NOT OLD."title" UNION ALL SELECT 'message' AS f WHERE NEW."message" IS NOT OLD."message" UNION ALL SELECT 'rationale' AS f WHERE NEW."rationale" IS NOT OLD."rationale" UNION ALL SELECT 'severity' AS f WHERE NEW."severity" IS NOT OLD."severity" UNION ALL SELECT 'category' AS f WHERE NEW."category" IS NOT OLD."category" UNION ALL SELECT 'confidence' AS f WHERE NEW."confidence" IS NOT OLD."confidence" UNION ALL SELECT 'suggestions' AS f WHERE NEW."suggestions" IS NOT OLD."suggestions" UNION ALL SELECT 'guardrails' AS f WHERE NEW."guardrails" IS NOT OLD."guardrails" UNION ALL SELECT 'references' AS f WHERE NEW."references" IS NOT OLD."references" UNION ALL SELECT 'condition' AS f WHERE NEW."condition" IS NOT OLD."condition" UNION ALL SELECT 'values' AS f WHERE NEW."values" IS NOT OLD."values" UNION ALL SELECT 'status' AS f WHERE NEW."status" IS NOT OLD."status" UNION ALL SELECT 'dismiss_reason' AS f WHERE NEW."dismiss_reason" IS NOT OLD."dismiss_reason" UNION ALL SELECT 'expires_at' AS f WHERE NEW."expires_at" IS NOT OLD."expires_at" UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT OLD."created_at" UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT OLD."deleted_at") WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_custom_foods_insert AFTER INSERT ON foods WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND NEW.source IN ('custom', 'recipe')
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'custom_foods', NEW.id, f, NEW.updated_at FROM (SELECT 'source' AS f WHERE NEW."source" IS NOT NULL UNION ALL SELECT 'name' AS f WHERE NEW."name" IS NOT NULL UNION ALL SELECT 'food_group' AS f WHERE NEW."food_group" IS NOT NULL UNION ALL SELECT 'brand' AS f WHERE NEW."brand" IS NOT NULL UNION ALL SELECT 'nutrients' AS f WHERE NEW."nutrients" IS NOT NULL UNION ALL SELECT 'servings' AS f WHERE NEW."servings" IS NOT NULL UNION ALL SELECT 'final_weight_g' AS f WHERE NEW."final_weight_g" IS NOT NULL UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT NULL UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT NULL) WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_custom_foods_update AFTER UPDATE ON foods WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND NEW.source IN ('custom', 'recipe')
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) SELECT 'custom_foods', NEW.id, f, NEW.updated_at FROM (SELECT 'source' AS f WHERE NEW."source" IS NOT OLD."source" UNION ALL SELECT 'name' AS f WHERE NEW."name" IS NOT OLD."name" UNION ALL SELECT 'food_group' AS f WHERE NEW."food_group" IS NOT OLD."food_group" UNION ALL SELECT 'brand' AS f WHERE NEW."brand" IS NOT OLD."brand" UNION ALL SELECT 'nutrients' AS f WHERE NEW."nutrients" IS NOT OLD."nutrients" UNION ALL SELECT 'servings' AS f WHERE NEW."servings" IS NOT OLD."servings" UNION ALL SELECT 'final_weight_g' AS f WHERE NEW."final_weight_g" IS NOT OLD."final_weight_g" UNION ALL SELECT 'created_at' AS f WHERE NEW."created_at" IS NOT OLD."created_at" UNION ALL SELECT 'deleted_at' AS f WHERE NEW."deleted_at" IS NOT OLD."deleted_at") WHERE true
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_food_portions_insert AFTER INSERT ON food_portions
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = NEW.food_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', NEW.food_id, 'portions', (SELECT updated_at FROM foods WHERE id = NEW.food_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_food_portions_update AFTER UPDATE ON food_portions
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = NEW.food_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', NEW.food_id, 'portions', (SELECT updated_at FROM foods WHERE id = NEW.food_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_food_portions_delete AFTER DELETE ON food_portions
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = OLD.food_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', OLD.food_id, 'portions', (SELECT updated_at FROM foods WHERE id = OLD.food_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_recipe_ingredients_insert AFTER INSERT ON recipe_ingredients
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = NEW.recipe_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', NEW.recipe_id, 'ingredients', (SELECT updated_at FROM foods WHERE id = NEW.recipe_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_recipe_ingredients_update AFTER UPDATE ON recipe_ingredients
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = NEW.recipe_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', NEW.recipe_id, 'ingredients', (SELECT updated_at FROM foods WHERE id = NEW.recipe_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
CREATE TRIGGER sync_recipe_ingredients_delete AFTER DELETE ON recipe_ingredients
WHEN (SELECT enabled = 1 AND applying = 0 FROM sync_meta WHERE id = 1) AND (SELECT id FROM foods WHERE id = OLD.recipe_id AND source IN ('custom', 'recipe')) IS NOT NULL
BEGIN
  INSERT INTO sync_dirty (tbl, row_id, field, at_ms) VALUES ('custom_foods', OLD.recipe_id, 'ingredients', (SELECT updated_at FROM foods WHERE id = OLD.recipe_id))
    ON CONFLICT (tbl, row_id, field) DO UPDATE SET at_ms = max(at_ms, excluded.at_ms);
END;
--> statement-breakpoint
INSERT INTO sync_meta (id, enabled, applying) VALUES (1, 0, 0);
