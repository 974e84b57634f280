import { describe, expect, it } from 'vitest'
import { ArticlePages, PAGE_ROWS, visibleRange } from '../../src/lib/listing'
import type { ArticlePage, ArticleSummary } from '../../src/lib/api'

const article = (id: number): ArticleSummary => ({
  id,
  title: `Report ${id}`,
  outlet: null,
  published: null,
  n_quotes: 0,
  reviewed: false,
})

/** A list of `count` articles answered a page at a time, recording what was asked. */
function library(count: number) {
  const rows = Array.from({ length: count }, (_, i) => article(i + 1))
  const asked: number[] = []
  const limits: number[] = []
  const read = async (offset: number, limit: number): Promise<ArticlePage> => {
    asked.push(offset)
    limits.push(limit)
    return { total: rows.length, offset, articles: rows.slice(offset, offset + limit) }
  }
  return { rows, asked, limits, read }
}

describe('library list', () => {
  it('reads only the pages that hold the rows asked for, each once', async () => {
    const lib = library(100_000)
    let changes = 0
    const pages = new ArticlePages(lib.read, () => (changes += 1))
    expect(pages.loaded).toBe(false)
    expect(pages.row(0)).toBeUndefined()
    // Two views asking for the same rows at once share one read.
    await Promise.all([pages.ensure(0, 20), pages.ensure(5, 30)])
    expect(lib.asked).toEqual([0])
    expect(pages.total).toBe(100_000)
    expect(pages.loaded).toBe(true)
    expect(pages.row(19)?.id).toBe(20)
    expect(pages.row(PAGE_ROWS)).toBeUndefined()
    // Rows across a page boundary read the next page only; far rows their own.
    await pages.ensure(PAGE_ROWS - 5, PAGE_ROWS + 5)
    await pages.ensure(99_990, 100_000)
    expect(lib.asked).toEqual([0, PAGE_ROWS, 99_900])
    expect(pages.row(99_999)?.id).toBe(100_000)
    expect(changes).toBe(3)
  })

  it('reads pages next to each other in one request, and waits for a page already asked for', async () => {
    const lib = library(1_000)
    const pages = new ArticlePages(lib.read)
    const first = pages.ensure(150, 160)
    await Promise.all([first, pages.ensure(0, 450)])
    // Page 1 was being read: pages 0 and 2–4 around it, each run in one request.
    expect(lib.asked).toEqual([100, 0, 200])
    expect(lib.limits).toEqual([100, 100, 300])
    expect(pages.row(449)?.id).toBe(450)
    expect(pages.row(500)).toBeUndefined()
  })

  it('reloads the rows in view when the library changes, and forgets the others', async () => {
    const lib = library(150)
    const pages = new ArticlePages(lib.read)
    await pages.ensure(0, 20)
    await pages.ensure(120, 140)
    // An import adds rows at the top: the reload reads the rows last asked for.
    lib.rows.unshift(article(999))
    await pages.reload()
    expect(pages.total).toBe(151)
    expect(pages.row(120)?.id).toBe(120)
    // Pages outside the rows in view are forgotten, and read again when asked.
    expect(pages.row(0)).toBeUndefined()
    await pages.ensure(0, 1)
    expect(pages.row(0)?.id).toBe(999)
  })

  it('drops an answer asked for before a reload', async () => {
    const answers: Array<(page: ArticlePage) => void> = []
    const pages = new ArticlePages(() => new Promise((resolve) => answers.push(resolve)))
    const stale = pages.ensure(0, 10)
    const reloaded = pages.reload()
    answers[1]({ total: 2, offset: 0, articles: [article(7), article(8)] })
    answers[0]({ total: 1, offset: 0, articles: [article(1)] })
    await Promise.all([stale, reloaded])
    expect(pages.total).toBe(2)
    expect(pages.row(0)?.id).toBe(7)
  })

  it('a failed read can be asked again', async () => {
    let fail = true
    const lib = library(10)
    const pages = new ArticlePages(async (offset, limit) => {
      if (fail) throw new Error('library locked')
      return lib.read(offset, limit)
    })
    await expect(pages.ensure(0, 5)).rejects.toThrow('library locked')
    fail = false
    await pages.ensure(0, 5)
    expect(pages.row(4)?.id).toBe(5)
  })

  it('draws only the rows in view, whatever the size of the library', () => {
    expect(visibleRange(0, 600, 60, 100_000)).toEqual([0, 18])
    expect(visibleRange(60 * 50_000, 600, 60, 100_000)).toEqual([49_992, 50_018])
    expect(visibleRange(60 * 99_990, 600, 60, 100_000)).toEqual([99_982, 100_000])
    expect(visibleRange(0, 600, 60, 0)).toEqual([0, 0])
  })
})
