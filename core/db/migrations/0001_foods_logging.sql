CREATE TABLE `daily_totals` (
	`client_id` text NOT NULL,
	`local_date` text NOT NULL,
	`diet_entries` integer NOT NULL,
	`energy_kcal` real,
	`protein_g` real,
	`carb_g` real,
	`fat_g` real,
	`sat_fat_g` real,
	`sugar_g` real,
	`added_sugar_g` real,
	`fibre_g` real,
	`water_g` real,
	`sodium_mg` real,
	`potassium_mg` real,
	`calcium_mg` real,
	`iron_mg` real,
	`magnesium_mg` real,
	`zinc_mg` real,
	`vitamin_d_mcg` real,
	`vitamin_b12_mcg` real,
	`folate_mcg` real,
	`vitamin_c_mg` real,
	`vitamin_a_mcg` real,
	`activity_entries` integer NOT NULL,
	`activity_min` real,
	`burned_kcal` real,
	`sleep_entries` integer NOT NULL,
	`sleep_hours` real,
	`sleep_quality` real,
	PRIMARY KEY(`client_id`, `local_date`)
);
--> statement-breakpoint
CREATE TABLE `food_datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text,
	`citation` text,
	`version` text,
	`food_count` integer NOT NULL,
	`imported_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `food_portions` (
	`id` text PRIMARY KEY NOT NULL,
	`food_id` text NOT NULL,
	`seq` integer NOT NULL,
	`amount` real NOT NULL,
	`unit` text NOT NULL,
	`grams` real NOT NULL,
	FOREIGN KEY (`food_id`) REFERENCES `foods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `food_portions_food_idx` ON `food_portions` (`food_id`,`seq`);--> statement-breakpoint
CREATE TABLE `foods` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`source_id` text,
	`dataset_id` text,
	`name` text NOT NULL,
	`food_group` text,
	`brand` text,
	`nutrients` text NOT NULL,
	`servings` real,
	`final_weight_g` real,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `foods_source_idx` ON `foods` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `foods_dataset_idx` ON `foods` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `recipe_ingredients` (
	`id` text PRIMARY KEY NOT NULL,
	`recipe_id` text NOT NULL,
	`food_id` text NOT NULL,
	`grams` real NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`recipe_id`) REFERENCES `foods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`food_id`) REFERENCES `foods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recipe_ingredients_recipe_idx` ON `recipe_ingredients` (`recipe_id`,`seq`);--> statement-breakpoint
ALTER TABLE `events` ADD `food_id` text;--> statement-breakpoint
ALTER TABLE `events` ADD `meal` text;--> statement-breakpoint
ALTER TABLE `events` ADD `added_sugar_g` real;--> statement-breakpoint
ALTER TABLE `events` ADD `water_g` real;--> statement-breakpoint
ALTER TABLE `events` ADD `potassium_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `calcium_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `iron_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `magnesium_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `zinc_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `vitamin_d_mcg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `vitamin_b12_mcg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `folate_mcg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `vitamin_c_mg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `vitamin_a_mcg` real;--> statement-breakpoint
ALTER TABLE `events` ADD `duration_min` real;--> statement-breakpoint
ALTER TABLE `events` ADD `burned_kcal` real;--> statement-breakpoint
ALTER TABLE `events` ADD `sleep_hours` real;--> statement-breakpoint
ALTER TABLE `events` ADD `sleep_quality` integer;--> statement-breakpoint
CREATE INDEX `events_client_food_idx` ON `events` (`client_id`,`food_id`,`occurred_at`);