// Sorting and windowing of the library list: pure functions, so that a list of
// 100,000 articles is sorted once and only the rows in view are drawn.
import type { ArticleSummary } from './api'

export type SortKey = 'newest' | 'oldest' | 'title' | 'outlet' | 'quotes'

export const SORT_LABELS: Record<SortKey, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title',
  outlet: 'Outlet',
  quotes: 'Most quotes',
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/** The articles in the chosen order. The backend sends them newest first. */
export function sortArticles(articles: ArticleSummary[], key: SortKey): ArticleSummary[] {
  switch (key) {
    case 'newest':
      return articles
    case 'oldest':
      return [...articles].reverse()
    case 'title':
      return [...articles].sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id)
    case 'outlet':
      // Articles without an outlet go last.
      return [...articles].sort(
        (a, b) =>
          Number(a.outlet === null) - Number(b.outlet === null) ||
          collator.compare(a.outlet ?? '', b.outlet ?? '') ||
          collator.compare(a.title, b.title),
      )
    case 'quotes':
      return [...articles].sort((a, b) => b.n_quotes - a.n_quotes || collator.compare(a.title, b.title))
  }
}

/** Rows to draw for a viewport: [first, last) with `overscan` rows either side. */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan)
  return [first, Math.max(first, last)]
}
