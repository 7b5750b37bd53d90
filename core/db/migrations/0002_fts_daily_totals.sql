-- Custom migration (drizzle-kit cannot express virtual tables or triggers).
-- 1. Full-text search over foods: an external-content FTS5 table, kept in step by triggers.
--    unicode61 with remove_diacritics folds "crème" to "creme"; prefixes are queried with "term*".
CREATE VIRTUAL TABLE `foods_fts` USING fts5(name, food_group, content='foods', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `foods_fts_ai` AFTER INSERT ON `foods` BEGIN
  INSERT INTO foods_fts(rowid, name, food_group) VALUES (NEW.rowid, NEW.name, coalesce(NEW.food_group, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `foods_fts_ad` AFTER DELETE ON `foods` BEGIN
  INSERT INTO foods_fts(foods_fts, rowid, name, food_group) VALUES ('delete', OLD.rowid, OLD.name, coalesce(OLD.food_group, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `foods_fts_au` AFTER UPDATE OF name, food_group ON `foods` BEGIN
  INSERT INTO foods_fts(foods_fts, rowid, name, food_group) VALUES ('delete', OLD.rowid, OLD.name, coalesce(OLD.food_group, ''));
  INSERT INTO foods_fts(rowid, name, food_group) VALUES (NEW.rowid, NEW.name, coalesce(NEW.food_group, ''));
END;
--> statement-breakpoint
-- 2. Daily totals per client and day, recomputed for the affected day(s) on every change to events
--    (soft deletes are updates), so imports, photos and sync keep them exact without extra code.
CREATE TRIGGER `events_daily_ai` AFTER INSERT ON `events` BEGIN
  DELETE FROM daily_totals WHERE client_id = NEW.client_id AND local_date = NEW.local_date;
  INSERT INTO daily_totals (client_id, local_date, diet_entries, energy_kcal, protein_g, carb_g, fat_g, sat_fat_g, sugar_g, added_sugar_g, fibre_g, water_g, sodium_mg, potassium_mg, calcium_mg, iron_mg, magnesium_mg, zinc_mg, vitamin_d_mcg, vitamin_b12_mcg, folate_mcg, vitamin_c_mg, vitamin_a_mcg, activity_entries, activity_min, burned_kcal, sleep_entries, sleep_hours, sleep_quality)
  SELECT client_id, local_date, sum(kind = 'diet'), sum(CASE WHEN kind = 'diet' THEN energy_kcal END), sum(CASE WHEN kind = 'diet' THEN protein_g END), sum(CASE WHEN kind = 'diet' THEN carb_g END), sum(CASE WHEN kind = 'diet' THEN fat_g END), sum(CASE WHEN kind = 'diet' THEN sat_fat_g END), sum(CASE WHEN kind = 'diet' THEN sugar_g END), sum(CASE WHEN kind = 'diet' THEN added_sugar_g END), sum(CASE WHEN kind = 'diet' THEN fibre_g END), sum(CASE WHEN kind = 'diet' THEN water_g END), sum(CASE WHEN kind = 'diet' THEN sodium_mg END), sum(CASE WHEN kind = 'diet' THEN potassium_mg END), sum(CASE WHEN kind = 'diet' THEN calcium_mg END), sum(CASE WHEN kind = 'diet' THEN iron_mg END), sum(CASE WHEN kind = 'diet' THEN magnesium_mg END), sum(CASE WHEN kind = 'diet' THEN zinc_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_d_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_b12_mcg END), sum(CASE WHEN kind = 'diet' THEN folate_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_c_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_a_mcg END), sum(kind = 'activity'), sum(CASE WHEN kind = 'activity' THEN duration_min END), sum(CASE WHEN kind = 'activity' THEN burned_kcal END), sum(kind = 'sleep'), sum(CASE WHEN kind = 'sleep' THEN sleep_hours END), avg(CASE WHEN kind = 'sleep' THEN sleep_quality END)
  FROM events WHERE client_id = NEW.client_id AND local_date = NEW.local_date AND deleted_at IS NULL
  GROUP BY client_id, local_date;
END;
--> statement-breakpoint
CREATE TRIGGER `events_daily_au` AFTER UPDATE ON `events` BEGIN
  DELETE FROM daily_totals WHERE client_id = OLD.client_id AND local_date = OLD.local_date;
  INSERT INTO daily_totals (client_id, local_date, diet_entries, energy_kcal, protein_g, carb_g, fat_g, sat_fat_g, sugar_g, added_sugar_g, fibre_g, water_g, sodium_mg, potassium_mg, calcium_mg, iron_mg, magnesium_mg, zinc_mg, vitamin_d_mcg, vitamin_b12_mcg, folate_mcg, vitamin_c_mg, vitamin_a_mcg, activity_entries, activity_min, burned_kcal, sleep_entries, sleep_hours, sleep_quality)
  SELECT client_id, local_date, sum(kind = 'diet'), sum(CASE WHEN kind = 'diet' THEN energy_kcal END), sum(CASE WHEN kind = 'diet' THEN protein_g END), sum(CASE WHEN kind = 'diet' THEN carb_g END), sum(CASE WHEN kind = 'diet' THEN fat_g END), sum(CASE WHEN kind = 'diet' THEN sat_fat_g END), sum(CASE WHEN kind = 'diet' THEN sugar_g END), sum(CASE WHEN kind = 'diet' THEN added_sugar_g END), sum(CASE WHEN kind = 'diet' THEN fibre_g END), sum(CASE WHEN kind = 'diet' THEN water_g END), sum(CASE WHEN kind = 'diet' THEN sodium_mg END), sum(CASE WHEN kind = 'diet' THEN potassium_mg END), sum(CASE WHEN kind = 'diet' THEN calcium_mg END), sum(CASE WHEN kind = 'diet' THEN iron_mg END), sum(CASE WHEN kind = 'diet' THEN magnesium_mg END), sum(CASE WHEN kind = 'diet' THEN zinc_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_d_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_b12_mcg END), sum(CASE WHEN kind = 'diet' THEN folate_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_c_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_a_mcg END), sum(kind = 'activity'), sum(CASE WHEN kind = 'activity' THEN duration_min END), sum(CASE WHEN kind = 'activity' THEN burned_kcal END), sum(kind = 'sleep'), sum(CASE WHEN kind = 'sleep' THEN sleep_hours END), avg(CASE WHEN kind = 'sleep' THEN sleep_quality END)
  FROM events WHERE client_id = OLD.client_id AND local_date = OLD.local_date AND deleted_at IS NULL
  GROUP BY client_id, local_date;
  DELETE FROM daily_totals WHERE client_id = NEW.client_id AND local_date = NEW.local_date;
  INSERT INTO daily_totals (client_id, local_date, diet_entries, energy_kcal, protein_g, carb_g, fat_g, sat_fat_g, sugar_g, added_sugar_g, fibre_g, water_g, sodium_mg, potassium_mg, calcium_mg, iron_mg, magnesium_mg, zinc_mg, vitamin_d_mcg, vitamin_b12_mcg, folate_mcg, vitamin_c_mg, vitamin_a_mcg, activity_entries, activity_min, burned_kcal, sleep_entries, sleep_hours, sleep_quality)
  SELECT client_id, local_date, sum(kind = 'diet'), sum(CASE WHEN kind = 'diet' THEN energy_kcal END), sum(CASE WHEN kind = 'diet' THEN protein_g END), sum(CASE WHEN kind = 'diet' THEN carb_g END), sum(CASE WHEN kind = 'diet' THEN fat_g END), sum(CASE WHEN kind = 'diet' THEN sat_fat_g END), sum(CASE WHEN kind = 'diet' THEN sugar_g END), sum(CASE WHEN kind = 'diet' THEN added_sugar_g END), sum(CASE WHEN kind = 'diet' THEN fibre_g END), sum(CASE WHEN kind = 'diet' THEN water_g END), sum(CASE WHEN kind = 'diet' THEN sodium_mg END), sum(CASE WHEN kind = 'diet' THEN potassium_mg END), sum(CASE WHEN kind = 'diet' THEN calcium_mg END), sum(CASE WHEN kind = 'diet' THEN iron_mg END), sum(CASE WHEN kind = 'diet' THEN magnesium_mg END), sum(CASE WHEN kind = 'diet' THEN zinc_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_d_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_b12_mcg END), sum(CASE WHEN kind = 'diet' THEN folate_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_c_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_a_mcg END), sum(kind = 'activity'), sum(CASE WHEN kind = 'activity' THEN duration_min END), sum(CASE WHEN kind = 'activity' THEN burned_kcal END), sum(kind = 'sleep'), sum(CASE WHEN kind = 'sleep' THEN sleep_hours END), avg(CASE WHEN kind = 'sleep' THEN sleep_quality END)
  FROM events WHERE client_id = NEW.client_id AND local_date = NEW.local_date AND deleted_at IS NULL
  GROUP BY client_id, local_date;
END;
--> statement-breakpoint
CREATE TRIGGER `events_daily_ad` AFTER DELETE ON `events` BEGIN
  DELETE FROM daily_totals WHERE client_id = OLD.client_id AND local_date = OLD.local_date;
  INSERT INTO daily_totals (client_id, local_date, diet_entries, energy_kcal, protein_g, carb_g, fat_g, sat_fat_g, sugar_g, added_sugar_g, fibre_g, water_g, sodium_mg, potassium_mg, calcium_mg, iron_mg, magnesium_mg, zinc_mg, vitamin_d_mcg, vitamin_b12_mcg, folate_mcg, vitamin_c_mg, vitamin_a_mcg, activity_entries, activity_min, burned_kcal, sleep_entries, sleep_hours, sleep_quality)
  SELECT client_id, local_date, sum(kind = 'diet'), sum(CASE WHEN kind = 'diet' THEN energy_kcal END), sum(CASE WHEN kind = 'diet' THEN protein_g END), sum(CASE WHEN kind = 'diet' THEN carb_g END), sum(CASE WHEN kind = 'diet' THEN fat_g END), sum(CASE WHEN kind = 'diet' THEN sat_fat_g END), sum(CASE WHEN kind = 'diet' THEN sugar_g END), sum(CASE WHEN kind = 'diet' THEN added_sugar_g END), sum(CASE WHEN kind = 'diet' THEN fibre_g END), sum(CASE WHEN kind = 'diet' THEN water_g END), sum(CASE WHEN kind = 'diet' THEN sodium_mg END), sum(CASE WHEN kind = 'diet' THEN potassium_mg END), sum(CASE WHEN kind = 'diet' THEN calcium_mg END), sum(CASE WHEN kind = 'diet' THEN iron_mg END), sum(CASE WHEN kind = 'diet' THEN magnesium_mg END), sum(CASE WHEN kind = 'diet' THEN zinc_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_d_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_b12_mcg END), sum(CASE WHEN kind = 'diet' THEN folate_mcg END), sum(CASE WHEN kind = 'diet' THEN vitamin_c_mg END), sum(CASE WHEN kind = 'diet' THEN vitamin_a_mcg END), sum(kind = 'activity'), sum(CASE WHEN kind = 'activity' THEN duration_min END), sum(CASE WHEN kind = 'activity' THEN burned_kcal END), sum(kind = 'sleep'), sum(CASE WHEN kind = 'sleep' THEN sleep_hours END), avg(CASE WHEN kind = 'sleep' THEN sleep_quality END)
  FROM events WHERE client_id = OLD.client_id AND local_date = OLD.local_date AND deleted_at IS NULL
  GROUP BY client_id, local_date;
END;
