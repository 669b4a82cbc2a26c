CREATE TABLE `ledger_cosignatures` (
	`head_id` text NOT NULL,
	`witness` text NOT NULL,
	`line` text NOT NULL,
	`time` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`head_id`, `witness`),
	FOREIGN KEY (`head_id`) REFERENCES `ledger_heads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`witness`) REFERENCES `ledger_witnesses`(`name`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`entry` text NOT NULL,
	`salt` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_source_id_unique` ON `ledger_entries` (`source_id`);--> statement-breakpoint
CREATE INDEX `ledger_subject` ON `ledger_entries` (`subject_type`,`subject_id`,`seq`);--> statement-breakpoint
CREATE TABLE `ledger_heads` (
	`id` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`root` text NOT NULL,
	`time` integer NOT NULL,
	`note` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_heads_size` ON `ledger_heads` (`size`,`time`);--> statement-breakpoint
CREATE TABLE `ledger_nodes` (
	`id` integer PRIMARY KEY NOT NULL,
	`hash` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_pending` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger_witnesses` (
	`name` text PRIMARY KEY NOT NULL,
	`vkey` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `ledger_case_event` AFTER INSERT ON `case_events` BEGIN INSERT INTO `ledger_pending` (`kind`, `source_id`) VALUES ('case_event', NEW.`id`); END;--> statement-breakpoint
CREATE TRIGGER `ledger_audit` AFTER INSERT ON `audit_log` BEGIN INSERT INTO `ledger_pending` (`kind`, `source_id`) VALUES ('audit', NEW.`id`); END;--> statement-breakpoint
INSERT INTO `ledger_pending` (`kind`, `source_id`) SELECT `kind`, `id` FROM (SELECT 'case_event' AS `kind`, `id`, `created_at` FROM `case_events` UNION ALL SELECT 'audit', `id`, `created_at` FROM `audit_log`) ORDER BY `created_at`, `id`;
--> statement-breakpoint
INSERT INTO `meta` (`key`, `value`) SELECT 'ledger_backfill_until', CAST(MAX(`seq`) AS TEXT) FROM `ledger_pending` HAVING MAX(`seq`) IS NOT NULL;
