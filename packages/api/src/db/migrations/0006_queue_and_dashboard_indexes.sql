CREATE INDEX `cases_branch_recent` ON `cases` (`governorate_code`,`is_open`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_branch_created` ON `cases` (`governorate_code`,`created_at`);