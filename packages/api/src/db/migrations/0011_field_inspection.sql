CREATE TABLE `field_evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`item_key` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`blob_key` text NOT NULL,
	`mime` text NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`accuracy_m` real NOT NULL,
	`device_time` text NOT NULL,
	`received_at` text NOT NULL,
	`clock_skew_seconds` integer NOT NULL,
	`distance_m` real,
	`flags` text NOT NULL,
	`inspector_id` text NOT NULL,
	`device_id` text NOT NULL,
	FOREIGN KEY (`inspector_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `field_evidence_item_key_unique` ON `field_evidence` (`item_key`);--> statement-breakpoint
CREATE INDEX `field_evidence_subject` ON `field_evidence` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `field_evidence_flagged` ON `field_evidence` (`received_at`);--> statement-breakpoint
CREATE TABLE `field_sync_items` (
	`key` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`batch_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `field_tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`inspector_id` text NOT NULL,
	`case_id` text,
	`violation_id` text,
	`property_key` text NOT NULL,
	`due_at` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`inspector_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`violation_id`) REFERENCES `violations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `field_tasks_inspector` ON `field_tasks` (`inspector_id`,`status`);--> statement-breakpoint
CREATE INDEX `field_tasks_property` ON `field_tasks` (`property_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `field_tasks_case` ON `field_tasks` (`case_id`);--> statement-breakpoint
CREATE INDEX `field_tasks_violation` ON `field_tasks` (`violation_id`);--> statement-breakpoint
CREATE TABLE `violation_events` (
	`id` text PRIMARY KEY NOT NULL,
	`violation_id` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`violation_id`) REFERENCES `violations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `violation_events_violation` ON `violation_events` (`violation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `violations` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`type` text NOT NULL,
	`governorate_code` text NOT NULL,
	`area_id` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`offender_kind` text NOT NULL,
	`offender_ref` text NOT NULL,
	`offender_name` text,
	`description` text NOT NULL,
	`state` text NOT NULL,
	`deadline` text,
	`case_id` text,
	`recorded_by` text NOT NULL,
	`last_actor_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `violations_number_unique` ON `violations` (`number`);--> statement-breakpoint
CREATE INDEX `violations_state` ON `violations` (`state`,`deadline`);--> statement-breakpoint
CREATE INDEX `violations_case` ON `violations` (`case_id`);--> statement-breakpoint
CREATE INDEX `violations_gov` ON `violations` (`governorate_code`,`state`);