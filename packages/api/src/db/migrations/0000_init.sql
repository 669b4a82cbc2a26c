CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`rate_limit_per_minute` integer,
	`created_at` text NOT NULL,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `areas` (
	`id` text PRIMARY KEY NOT NULL,
	`governorate_code` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`source_ref` text NOT NULL,
	`geometry` text NOT NULL,
	`min_lng` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lng` real NOT NULL,
	`max_lat` real NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `areas_source_ref` ON `areas` (`source_ref`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`event_id` text,
	`original_key` text NOT NULL,
	`original_sha256` text NOT NULL,
	`public_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`mime` text NOT NULL,
	`byte_size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`exif_lat` real,
	`exif_lng` real,
	`exif_taken_at` text,
	`position` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `case_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`,`position`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`before` text,
	`after` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_subject` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text,
	`text` text,
	`note` text,
	`is_public` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_case` ON `case_events` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `events_created` ON `case_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `case_supports` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`supporter_ref` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supports_once` ON `case_supports` (`case_id`,`supporter_ref`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`tracking_number` text NOT NULL,
	`governorate_code` text NOT NULL,
	`area_id` text NOT NULL,
	`department_id` text NOT NULL,
	`service_code` text NOT NULL,
	`status` text NOT NULL,
	`is_open` integer NOT NULL,
	`description` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`geo_cell` integer NOT NULL,
	`address_string` text,
	`address_id` text,
	`attributes` text DEFAULT '{}' NOT NULL,
	`media_url` text,
	`reporter_name` text,
	`reporter_phone` text,
	`reporter_email` text,
	`reporter_civil_id` text,
	`token_hash` text NOT NULL,
	`request_token` text NOT NULL,
	`source` text NOT NULL,
	`api_key_id` text,
	`assigned_staff_id` text,
	`priority` text NOT NULL,
	`due_at` text NOT NULL,
	`supports_count` integer DEFAULT 0 NOT NULL,
	`duplicate_of` text,
	`locale` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_code`) REFERENCES `services`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tracking_number_unique` ON `cases` (`tracking_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_request_token_unique` ON `cases` (`request_token`);--> statement-breakpoint
CREATE INDEX `cases_open_cell` ON `cases` (`is_open`,`geo_cell`,`service_code`);--> statement-breakpoint
CREATE INDEX `cases_created` ON `cases` (`created_at`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` text PRIMARY KEY NOT NULL,
	`governorate_code` text NOT NULL,
	`kind` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_branch_kind` ON `departments` (`governorate_code`,`kind`);--> statement-breakpoint
CREATE TABLE `governorates` (
	`code` text PRIMARY KEY NOT NULL,
	`prefix` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`layer_no` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `governorates_prefix_unique` ON `governorates` (`prefix`);--> statement-breakpoint
CREATE UNIQUE INDEX `governorates_layer_no_unique` ON `governorates` (`layer_no`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`processed_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`processed_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `services` (
	`code` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`description_ar` text NOT NULL,
	`description_en` text NOT NULL,
	`group_ar` text NOT NULL,
	`group_en` text NOT NULL,
	`keywords` text NOT NULL,
	`icon` text NOT NULL,
	`department_kind` text NOT NULL,
	`priority` text NOT NULL,
	`response_hours` integer NOT NULL,
	`attributes` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`email` text NOT NULL,
	`governorate_code` text NOT NULL,
	`department_id` text,
	`role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`open_case_count` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_unique` ON `staff` (`email`);--> statement-breakpoint
CREATE INDEX `staff_branch` ON `staff` (`governorate_code`,`active`);--> statement-breakpoint
CREATE TABLE `staff_specialties` (
	`staff_id` text NOT NULL,
	`service_code` text NOT NULL,
	PRIMARY KEY(`staff_id`, `service_code`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_code`) REFERENCES `services`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `specialty_service` ON `staff_specialties` (`service_code`);--> statement-breakpoint
CREATE TABLE `tracking_counters` (
	`governorate_code` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`governorate_code`, `year`)
);
