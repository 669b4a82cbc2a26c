CREATE TABLE `certificate_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`workflow_version` integer NOT NULL,
	`plot_id` text NOT NULL,
	`governorate_code` text NOT NULL,
	`purpose` text NOT NULL,
	`owner_civil_id` text NOT NULL,
	`applicant_civil_id` text NOT NULL,
	`citizen_id` text,
	`phone` text,
	`note` text,
	`token_hash` text NOT NULL,
	`filed_by` text,
	`state` text NOT NULL,
	`assigned_staff_id` text,
	`state_entered_at` text NOT NULL,
	`due_at` text,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`description` text,
	`step_count` integer DEFAULT 0 NOT NULL,
	`last_step_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plot_id`) REFERENCES `plots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_applications_number_unique` ON `certificate_applications` (`number`);--> statement-breakpoint
CREATE INDEX `cert_apps_queue` ON `certificate_applications` (`state`,`governorate_code`,`due_at`);--> statement-breakpoint
CREATE INDEX `cert_apps_assignee` ON `certificate_applications` (`assigned_staff_id`,`state`);--> statement-breakpoint
CREATE INDEX `cert_apps_citizen` ON `certificate_applications` (`citizen_id`);--> statement-breakpoint
CREATE INDEX `cert_apps_plot` ON `certificate_applications` (`plot_id`);--> statement-breakpoint
CREATE TABLE `certificate_counters` (
	`series` text NOT NULL,
	`governorate_code` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`series`, `governorate_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `certificate_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`step_seq` integer,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`byte_size` integer NOT NULL,
	`sha256` text NOT NULL,
	`blob_key` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `certificate_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cert_docs_app` ON `certificate_documents` (`application_id`);--> statement-breakpoint
CREATE TABLE `certificate_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`application_id` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`available_at` text NOT NULL,
	`last_error` text,
	`receipt` text,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`application_id`) REFERENCES `certificate_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cert_jobs_due` ON `certificate_jobs` (`status`,`available_at`);--> statement-breakpoint
CREATE TABLE `certificate_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`seq` integer NOT NULL,
	`action` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text,
	`role` text NOT NULL,
	`reason` text,
	`data` text NOT NULL,
	`payload` text NOT NULL,
	`key_id` text,
	`signature` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `certificate_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cert_steps_seq` ON `certificate_steps` (`application_id`,`seq`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text NOT NULL,
	`application_id` text NOT NULL,
	`plot_id` text NOT NULL,
	`document` text NOT NULL,
	`content_hash` text NOT NULL,
	`audit_id` text NOT NULL,
	`status` text NOT NULL,
	`superseded_by` text,
	`revoked_reason` text,
	`pdf_key` text,
	`pdf_at` text,
	`issued_at` text NOT NULL,
	`valid_until` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `certificate_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plot_id`) REFERENCES `plots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_number_unique` ON `certificates` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_application_id_unique` ON `certificates` (`application_id`);--> statement-breakpoint
CREATE INDEX `certificates_plot` ON `certificates` (`plot_id`,`issued_at`);--> statement-breakpoint
CREATE TABLE `plots` (
	`id` text PRIMARY KEY NOT NULL,
	`governorate_code` text NOT NULL,
	`area_id` text NOT NULL,
	`block` text NOT NULL,
	`plot` text NOT NULL,
	`plan_number` text NOT NULL,
	`land_area_m2` real,
	`created_at` text NOT NULL,
	FOREIGN KEY (`governorate_code`) REFERENCES `governorates`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plots_place` ON `plots` (`area_id`,`block`,`plot`);--> statement-breakpoint
CREATE TABLE `staff_areas` (
	`staff_id` text NOT NULL,
	`area_id` text NOT NULL,
	PRIMARY KEY(`staff_id`, `area_id`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_areas_area` ON `staff_areas` (`area_id`);--> statement-breakpoint
CREATE TABLE `staff_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`public_key` text NOT NULL,
	`sealed_secret` blob NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_keys_staff` ON `staff_keys` (`staff_id`,`revoked_at`);