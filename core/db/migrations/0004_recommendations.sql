CREATE TABLE `recommendations` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`rule_version` integer NOT NULL,
	`title` text NOT NULL,
	`message` text NOT NULL,
	`rationale` text NOT NULL,
	`severity` text NOT NULL,
	`category` text NOT NULL,
	`confidence` real NOT NULL,
	`suggestions` text NOT NULL,
	`guardrails` text NOT NULL,
	`references` text NOT NULL,
	`condition` text NOT NULL,
	`values` text NOT NULL,
	`status` text NOT NULL,
	`dismiss_reason` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `recommendations_client_idx` ON `recommendations` (`client_id`,`status`,`rule_id`);--> statement-breakpoint
CREATE TABLE `rule_settings` (
	`rule_id` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `clients` ADD `ed_sensitive` integer DEFAULT false NOT NULL;