/** The largest file an owner may upload as knowledge (shown on the page and enforced). */
export const MAX_KNOWLEDGE_FILE_BYTES = 20 * 1024 * 1024;
/** The most text one source may paste. */
export const MAX_PASTED_CHARS = 500_000;
/** The most readable text kept of one source; the rest is left out and the source says so. */
export const MAX_SOURCE_CHARS = 3_000_000;
/** Website pages read per sync: the default and the most an owner may ask for. */
export const DEFAULT_MAX_PAGES = 25;
export const MAX_MAX_PAGES = 200;
/** Scheduled re-syncs an owner may choose, in hours (null: only on demand). */
export const RESYNC_CHOICES = [24, 168] as const;
