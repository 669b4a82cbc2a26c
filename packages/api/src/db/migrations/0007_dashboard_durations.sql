DROP INDEX `cases_branch_created`;--> statement-breakpoint
ALTER TABLE `cases` ADD `ack_seconds` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `resolve_seconds` integer;--> statement-breakpoint
UPDATE `cases` SET `ack_seconds` = CAST(ROUND((julianday(`acknowledged_at`) - julianday(`created_at`)) * 86400) AS INTEGER), `resolve_seconds` = CAST(ROUND((julianday(`resolved_at`) - julianday(`created_at`)) * 86400) AS INTEGER) WHERE `acknowledged_at` IS NOT NULL OR `resolved_at` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_branch_created` ON `cases` (`governorate_code`,`created_at`,`department_id`,`assigned_staff_id`,`ack_seconds`,`resolve_seconds`,`reopen_count`,`rating_score`);