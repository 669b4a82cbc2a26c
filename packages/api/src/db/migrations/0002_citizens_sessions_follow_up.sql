CREATE TABLE `citizens` (
	`id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`name` text,
	`civil_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_phone_unique` ON `citizens` (`phone`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_subject` ON `sessions` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE TABLE `sign_in_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`consumed_at` text
);
--> statement-breakpoint
CREATE INDEX `sign_in_codes_phone` ON `sign_in_codes` (`phone`,`created_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `citizen_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `resolution` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `resolved_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `reopen_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `rating_score` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `rating_comment` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `rated_at` text;--> statement-breakpoint
CREATE INDEX `cases_citizen` ON `cases` (`citizen_id`,`created_at`);