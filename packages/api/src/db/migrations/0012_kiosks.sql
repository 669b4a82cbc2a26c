CREATE TABLE `kiosk_agents` (
	`staff_id` text PRIMARY KEY NOT NULL,
	`skills` text NOT NULL,
	`presence` text NOT NULL,
	`presence_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kiosk_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`kiosk_id` text NOT NULL,
	`service` text NOT NULL,
	`state` text NOT NULL,
	`recording_consent` integer NOT NULL,
	`queued_at` text NOT NULL,
	`offered_to` text,
	`offer_expires_at` text,
	`skipped` text NOT NULL,
	`accepted_by` text,
	`accepted_at` text,
	`ended_at` text,
	`end_reason` text
);
--> statement-breakpoint
CREATE INDEX `kiosk_calls_state` ON `kiosk_calls` (`state`,`queued_at`);--> statement-breakpoint
CREATE INDEX `kiosk_calls_visit` ON `kiosk_calls` (`visit_id`);--> statement-breakpoint
CREATE TABLE `kiosk_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`visit_id` text NOT NULL,
	`call_id` text,
	`direction` text NOT NULL,
	`id_card` integer NOT NULL,
	`name` text NOT NULL,
	`blob_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kiosk_documents_visit` ON `kiosk_documents` (`visit_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `kiosk_recordings` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`blob_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`started_at` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `kiosk_results` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`subject_id` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kiosk_results_call` ON `kiosk_results` (`call_id`);--> statement-breakpoint
CREATE TABLE `kiosk_visits` (
	`id` text PRIMARY KEY NOT NULL,
	`kiosk_id` text NOT NULL,
	`locale` text NOT NULL,
	`state` text NOT NULL,
	`civil_id` text,
	`phone` text,
	`citizen_id` text,
	`code_hash` text,
	`code_sent_at` text,
	`code_expires_at` text,
	`code_attempts` integer NOT NULL,
	`codes_sent` integer NOT NULL,
	`verified_at` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`end_reason` text
);
--> statement-breakpoint
CREATE INDEX `kiosk_visits_kiosk` ON `kiosk_visits` (`kiosk_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`place_ar` text NOT NULL,
	`place_en` text NOT NULL,
	`governorate_code` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`key_hash` text NOT NULL,
	`active` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`revoked_at` text,
	`last_seen_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_key_hash_unique` ON `kiosks` (`key_hash`);