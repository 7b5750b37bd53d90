CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`host` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`fields` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity_id`,`at`);--> statement-breakpoint
CREATE TABLE `client_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`effective_from` text NOT NULL,
	`equation` text NOT NULL,
	`overrides` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_targets_client_idx` ON `client_targets` (`client_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`birth_date` text,
	`sex` text,
	`height_cm` real,
	`weight_kg` real,
	`activity_level` text NOT NULL,
	`diet_pattern` text NOT NULL,
	`allergies` text NOT NULL,
	`life_stage` text NOT NULL,
	`life_stage_detail` integer,
	`tags` text NOT NULL,
	`email` text,
	`phone` text,
	`notes` text,
	`energy_equation` text NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `clients_name_idx` ON `clients` (`name`);--> statement-breakpoint
CREATE INDEX `clients_updated_idx` ON `clients` (`updated_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`source` text NOT NULL,
	`energy_kcal` real,
	`protein_g` real,
	`carb_g` real,
	`fat_g` real,
	`sat_fat_g` real,
	`sugar_g` real,
	`fibre_g` real,
	`sodium_mg` real,
	`detail` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_client_date_idx` ON `events` (`client_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `events_client_kind_idx` ON `events` (`client_id`,`kind`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
