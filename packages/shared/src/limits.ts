// Plain numbers, no Zod: browsers import these without pulling the schema library into their bundle.

/** Longest description a report may carry, in characters. */
export const DESCRIPTION_MAX = 4000;
/** Photos per report. */
export const PHOTO_MAX_COUNT = 5;
/** Bytes per photo as uploaded (the web app downscales before sending). */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
