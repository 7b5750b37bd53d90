CREATE TABLE `meal_photos` (
	`id` text PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`local_date` text,
	`image` blob NOT NULL,
	`thumbnail` blob NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`detections` text NOT NULL,
	`items` text,
	`model_id` text NOT NULL,
	`provider` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meal_photos_client_idx` ON `meal_photos` (`client_id`,`status`,`created_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `photo_id` text;