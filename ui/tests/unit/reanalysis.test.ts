// The status bar says "Updating…" only while the analysis behind the window runs;
// once it has ended with articles left it says so and why, and the map redraws.
import { describe, expect, it } from 'vitest'
import { mapMayRedraw, reanalysisLine } from '../../src/lib/reanalysis'
import type { LibraryInfo } from '../../src/lib/bindings/LibraryInfo'
import type { ReanalysisStatus } from '../../src/lib/bindings/ReanalysisStatus'

const info = (outdated: number): LibraryInfo => ({ path: '/tmp/library.sqlite3', n_articles: 10, outdated })
const running: ReanalysisStatus = { state: 'running' }
const ended = (stopped: string | null): ReanalysisStatus => ({ state: 'ended', done: 8, failed: 2, stopped })

describe('the status line of the analysis behind the window', () => {
  it('says nothing when no article is outdated, running or not', () => {
    expect(reanalysisLine(info(0), running)).toBeNull()
    expect(reanalysisLine(info(0), ended(null))).toBeNull()
    expect(reanalysisLine(null, running)).toBeNull()
  })

  it('counts what is left while it runs', () => {
    expect(reanalysisLine(info(1), running)).toMatchObject({ kind: 'busy', text: 'Updating the analysis of 1 older article…' })
    expect(reanalysisLine(info(40), running)?.text).toBe('Updating the analysis of 40 older articles…')
  })

  it('says what was left, and why, once it has ended', () => {
    expect(reanalysisLine(info(1), ended(null))).toMatchObject({
      kind: 'warning',
      text: '1 older article keeps its earlier analysis: each is named in the log (Help → About Quotemap)',
    })
    expect(reanalysisLine(info(30), ended('database or disk is full'))).toMatchObject({
      kind: 'warning',
      text: '30 older articles keep their earlier analysis: database or disk is full',
    })
  })

  it('says nothing before the window has heard of a run', () => {
    expect(reanalysisLine(info(3), { state: 'idle' })).toBeNull()
    expect(reanalysisLine(info(3), null)).toBeNull()
  })
})

describe('redrawing the map for outside writes', () => {
  it('waits while older articles are being analysed again', () => {
    expect(mapMayRedraw(info(5), running)).toBe(false)
  })
  it('goes ahead when nothing is outdated or the run has ended, whatever it left', () => {
    expect(mapMayRedraw(info(0), running)).toBe(true)
    expect(mapMayRedraw(info(5), ended('database or disk is full'))).toBe(true)
    expect(mapMayRedraw(null, null)).toBe(true)
  })
})
