CREATE TABLE `meal_plan_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`client_id` text NOT NULL,
	`day` integer NOT NULL,
	`slot` text NOT NULL,
	`position` integer NOT NULL,
	`food_id` text NOT NULL,
	`amount` text,
	`grams` real NOT NULL,
	`alt_of` text,
	`pinned` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `meal_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meal_plan_entries_plan_idx` ON `meal_plan_entries` (`plan_id`,`day`,`slot`,`position`);--> statement-breakpoint
CREATE TABLE `meal_plan_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`client_id` text NOT NULL,
	`day` integer NOT NULL,
	`slot` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `meal_plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meal_plan_notes_plan_idx` ON `meal_plan_notes` (`plan_id`,`day`);--> statement-breakpoint
CREATE TABLE `meal_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`name` text NOT NULL,
	`start_date` text NOT NULL,
	`days` integer NOT NULL,
	`slots_json` text NOT NULL,
	`show_numbers` integer NOT NULL,
	`excluded_food_ids_json` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`previous_version_id` text,
	`root_id` text NOT NULL,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meal_plans_client_idx` ON `meal_plans` (`client_id`,`root_id`,`version`);--> statement-breakpoint
CREATE INDEX `meal_plans_root_idx` ON `meal_plans` (`root_id`,`version`);