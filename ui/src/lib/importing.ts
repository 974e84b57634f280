// Imports running at once (each dropped folder or chosen set of files is one):
// the progress bar over all of them, and one report for those that finished
// while the last report was still on screen. Pure functions, unit-tested.
import type { ImportProgress, ImportReport } from './api'

/** One running import: how many items were dropped, and its latest progress. */
export interface RunningImport {
  items: number
  progress: ImportProgress | null
}

/** What the bar shows for all running imports: files done of files known, and
 * the items of imports that have not counted their files yet. */
export function overallProgress(running: Map<number, RunningImport>): {
  done: number
  total: number
  uncounted: number
} {
  let done = 0
  let total = 0
  let uncounted = 0
  for (const run of running.values()) {
    if (run.progress && run.progress.total > 0) {
      done += run.progress.done
      total += run.progress.total
    } else {
      uncounted += run.items
    }
  }
  return { done, total, uncounted }
}

/** A report that also holds `next`: a second import finishing never hides the
 * first one's failures. */
export function mergeReports(shown: ImportReport | null, next: ImportReport): ImportReport {
  if (!shown) return next
  return {
    added: [...shown.added, ...next.added],
    duplicates: [...shown.duplicates, ...next.duplicates],
    failures: [...shown.failures, ...next.failures],
    skipped_other_formats: shown.skipped_other_formats + next.skipped_other_formats,
    skipped_links: shown.skipped_links + next.skipped_links,
    cancelled: shown.cancelled || next.cancelled,
  }
}
