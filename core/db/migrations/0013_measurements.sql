-- A client's measurements over time (weight, waist, blood pressure, lab values, custom kinds); synced from a later migration.
CREATE TABLE `client_measurements` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`kind` text NOT NULL,
	`custom_name` text,
	`value` real NOT NULL,
	`value2` real,
	`unit` text NOT NULL,
	`measured_on` text NOT NULL,
	`method` text,
	`note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `client_measurements_client_idx` ON `client_measurements` (`client_id`,`kind`,`measured_on`);