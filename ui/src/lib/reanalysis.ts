// The status bar's line for the analysis of older articles that the window
// runs behind itself after an upgrade: "Updating…" only while it runs. A run
// that ended with articles left (one damaged, or the library failing) says so
// and why, instead of claiming to update for ever; and the map, which waits
// for the run to end before drawing the new analysis, draws then.
import type { LibraryInfo } from './bindings/LibraryInfo'
import type { ReanalysisStatus } from './bindings/ReanalysisStatus'

export type ReanalysisLine = { kind: 'busy' | 'warning'; text: string; title: string }

const articles = (n: number) => `${n} older ${n === 1 ? 'article' : 'articles'}`

/** What the status bar says of it, if anything. */
export function reanalysisLine(info: LibraryInfo | null, status: ReanalysisStatus | null): ReanalysisLine | null {
  if (!info || info.outdated === 0 || !status) return null
  if (status.state === 'running')
    return {
      kind: 'busy',
      text: `Updating the analysis of ${articles(info.outdated)}…`,
      title:
        'This version of Quotemap reads quotations better: articles an older version analysed are analysed again, keeping your notes and corrections.',
    }
  if (status.state === 'idle') return null
  const why = status.stopped ?? 'each is named in the log (Help → About Quotemap)'
  return {
    kind: 'warning',
    text: `${articles(info.outdated)} ${info.outdated === 1 ? 'keeps its' : 'keep their'} earlier analysis: ${why}`,
    title: 'They are shown as an older version of Quotemap analysed them, with your notes and corrections, and analysed again at the next start.',
  }
}

/** Whether the map may be drawn again for writes from outside the window: not
 * while the run behind it is still rewriting article after article. */
export function mapMayRedraw(info: LibraryInfo | null, status: ReanalysisStatus | null): boolean {
  return (info?.outdated ?? 0) === 0 || status?.state !== 'running'
}
