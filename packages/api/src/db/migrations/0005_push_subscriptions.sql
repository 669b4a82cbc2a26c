CREATE TABLE `notification_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`outbox_id` text NOT NULL,
	`topic` text NOT NULL,
	`case_id` text,
	`channel` text NOT NULL,
	`recipient` text,
	`locale` text NOT NULL,
	`message` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`available_at` text NOT NULL,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `deliveries_due` ON `notification_deliveries` (`status`,`available_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_once` ON `notification_deliveries` (`outbox_id`,`channel`,`recipient`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_once` ON `push_subscriptions` (`endpoint`,`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_subject` ON `push_subscriptions` (`subject_kind`,`subject_id`);