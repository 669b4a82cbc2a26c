CREATE TABLE `__new_ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_id` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`content` text NOT NULL,
	`salt` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_ledger_entries` (`seq`, `kind`, `source_id`, `subject_type`, `subject_id`, `content`, `salt`, `created_at`)
SELECT `seq`, `kind`, `source_id`, `subject_type`, `subject_id`, json_extract(`entry`, '$.content'), `salt`, `created_at` FROM `ledger_entries`;
--> statement-breakpoint
DROP TABLE `ledger_entries`;
--> statement-breakpoint
ALTER TABLE `__new_ledger_entries` RENAME TO `ledger_entries`;
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_source_id_unique` ON `ledger_entries` (`source_id`);
--> statement-breakpoint
CREATE INDEX `ledger_subject` ON `ledger_entries` (`subject_type`,`subject_id`,`seq`);
