CREATE TABLE `off_products` (
	`gtin` text PRIMARY KEY NOT NULL,
	`found` integer NOT NULL,
	`product` text,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `foods` ADD `gtin` text;--> statement-breakpoint
ALTER TABLE `foods` ADD `ingredients` text;--> statement-breakpoint
CREATE INDEX `foods_gtin_idx` ON `foods` (`gtin`);