CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `acknowledged_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `escalation_level` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `escalated_at` text;--> statement-breakpoint
CREATE INDEX `cases_queue` ON `cases` (`governorate_code`,`is_open`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_assignee` ON `cases` (`assigned_staff_id`,`is_open`,`due_at`);--> statement-breakpoint
ALTER TABLE `staff` ADD `password_hash` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `totp_secret` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `last_totp_step` integer;--> statement-breakpoint
ALTER TABLE `staff` ADD `failed_sign_ins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `locked_until` text;