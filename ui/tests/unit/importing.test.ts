// Imports running at once: one progress bar over all of them, one report.
import { describe, expect, it } from 'vitest'
import { mergeReports, overallProgress, type RunningImport } from '../../src/lib/importing'
import type { ImportReport } from '../../src/lib/api'

const report = (over: Partial<ImportReport>): ImportReport => ({
  added: [],
  duplicates: [],
  failures: [],
  skipped_other_formats: 0,
  skipped_links: 0,
  cancelled: false,
  ...over,
})

describe('overallProgress', () => {
  it('adds the files of imports that counted theirs and keeps the others as items', () => {
    const running = new Map<number, RunningImport>([
      [1, { items: 1, progress: { done: 40, total: 100, current: '/a/x.txt' } }],
      [2, { items: 3, progress: null }],
      [3, { items: 1, progress: { done: 0, total: 5, current: '/b.txt' } }],
    ])
    expect(overallProgress(running)).toEqual({ done: 40, total: 105, uncounted: 3 })
  })

  it('is empty with nothing running', () => {
    expect(overallProgress(new Map())).toEqual({ done: 0, total: 0, uncounted: 0 })
  })
})

describe('mergeReports', () => {
  it('keeps the first report when none is shown', () => {
    const first = report({ cancelled: true })
    expect(mergeReports(null, first)).toBe(first)
  })

  it('keeps both imports’ lines: a second import never hides the first one’s failures', () => {
    const shown = report({
      failures: [{ path: '/a/bad.pdf', reason: 'damaged' }],
      added: [{ id: 1, path: '/a/ok.txt', title: 'OK' }],
      skipped_links: 2,
    })
    const next = report({
      failures: [{ path: '/a/bad.pdf', reason: 'damaged' }],
      duplicates: [{ path: '/a/ok.txt', existing_id: 1 }],
      skipped_other_formats: 4,
      cancelled: true,
    })
    const merged = mergeReports(shown, next)
    expect(merged.failures).toHaveLength(2)
    expect(merged.added).toHaveLength(1)
    expect(merged.duplicates).toEqual([{ path: '/a/ok.txt', existing_id: 1 }])
    expect(merged.skipped_other_formats).toBe(4)
    expect(merged.skipped_links).toBe(2)
    expect(merged.cancelled).toBe(true)
  })
})
