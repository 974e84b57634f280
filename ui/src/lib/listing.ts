// The library list as the window holds it: the rows in view are read from the
// library a page at a time, in the order SQL sorts them (see
// `api::list_article_page`), so a library of 100,000 articles never travels to
// the window whole, and only the rows in view are drawn.
import type { ArticleOrder, ArticlePage, ArticleSummary } from './api'

export type SortKey = ArticleOrder

export const SORT_LABELS: Record<SortKey, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title',
  outlet: 'Outlet',
  quotes: 'Most quotes',
}

/** Rows per read: a window shows a few dozen, so a page covers a screen or two of scrolling. */
export const PAGE_ROWS = 100

/** Reads rows `offset` to `offset + limit` of one list (one filter and order). */
export type ReadPage = (offset: number, limit: number) => Promise<ArticlePage>

/** The page numbers that hold rows [first, last). */
function pageNumbers(first: number, last: number): number[] {
  const numbers = []
  for (let n = Math.floor(first / PAGE_ROWS); n * PAGE_ROWS < last; n++) numbers.push(n)
  return numbers
}

/**
 * One list (a filter and an order) as far as the window has read it: its
 * length and the pages read. A page is read once (a second request waits on
 * the same answer) until `reload`; `changed` is called whenever rows or the
 * length change, so a view can draw them.
 */
export class ArticlePages {
  /** Articles in the list, as the last answer gave it. */
  total = 0
  /** True once an answer came: before it, an empty list means "not read yet". */
  loaded = false
  private pages = new Map<number, ArticleSummary[]>()
  private reading = new Map<number, Promise<void>>()
  /** Bumped by `reload`, so that answers asked for before it are dropped. */
  private generation = 0
  /** The rows last asked for: what a reload reads again. */
  private wanted: [number, number] = [0, PAGE_ROWS]

  constructor(
    private readonly read: ReadPage,
    private readonly changed: () => void = () => {},
  ) {}

  /** Row `index`, if its page has been read. */
  row(index: number): ArticleSummary | undefined {
    return this.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS]
  }

  /** Reads the pages holding rows [first, last) that are not read yet; pages next to
   * each other are read in one request (one query, one round trip). */
  async ensure(first: number, last: number): Promise<void> {
    this.wanted = [first, last]
    const reads: Promise<void>[] = []
    let run: number[] = []
    const flush = () => {
      if (run.length > 0) reads.push(this.readPages(run))
      run = []
    }
    for (const n of pageNumbers(first, Math.max(last, first + 1))) {
      const pending = this.reading.get(n)
      if (pending) {
        flush()
        reads.push(pending)
      } else if (this.pages.has(n)) flush()
      else run.push(n)
    }
    flush()
    await Promise.all(reads)
  }

  /** Reads consecutive pages `numbers` in one request. */
  private readPages(numbers: number[]): Promise<void> {
    const generation = this.generation
    const reading = this.read(numbers[0] * PAGE_ROWS, numbers.length * PAGE_ROWS)
      .then((page) => {
        if (generation !== this.generation) return
        numbers.forEach((n, i) => this.pages.set(n, page.articles.slice(i * PAGE_ROWS, (i + 1) * PAGE_ROWS)))
        this.total = page.total
        this.loaded = true
        this.changed()
      })
      .finally(() => {
        for (const n of numbers) if (this.reading.get(n) === reading) this.reading.delete(n)
      })
    for (const n of numbers) this.reading.set(n, reading)
    return reading
  }

  /**
   * Reads the rows last asked for again (the library changed: an import, an
   * edit, another program), keeping the rows shown until the new ones are
   * there; the other pages are forgotten and read again when they come into view.
   */
  async reload(): Promise<void> {
    this.generation += 1
    this.reading.clear()
    const generation = this.generation
    const [first, last] = this.wanted
    const numbers = pageNumbers(first, Math.max(last, first + 1))
    const answer = await this.read(numbers[0] * PAGE_ROWS, numbers.length * PAGE_ROWS)
    if (generation !== this.generation) return
    this.pages = new Map(
      numbers.map((n, i) => [n, answer.articles.slice(i * PAGE_ROWS, (i + 1) * PAGE_ROWS)]),
    )
    this.total = answer.total
    this.loaded = true
    this.changed()
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
