/** Rows between two progress reports of a long run (score, customs). */
export const PROGRESS_EVERY = 10_000;
