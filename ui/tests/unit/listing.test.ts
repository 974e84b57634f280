import { describe, expect, it } from 'vitest'
import { sortArticles, visibleRange } from '../../src/lib/listing'
import type { ArticleSummary } from '../../src/lib/api'

const article = (id: number, title: string, outlet: string | null, n_quotes: number): ArticleSummary => ({
  id,
  title,
  outlet,
  published: null,
  n_quotes,
  reviewed: false,
})
const list = [article(1, 'beta', 'Reuters', 2), article(2, 'Alpha', null, 9), article(3, 'gamma', 'AP', 0)]

describe('library list', () => {
  it('sorts by title, outlet (unknown last) and quote count, and reverses for oldest', () => {
    expect(sortArticles(list, 'title').map((a) => a.id)).toEqual([2, 1, 3])
    expect(sortArticles(list, 'outlet').map((a) => a.id)).toEqual([3, 1, 2])
    expect(sortArticles(list, 'quotes').map((a) => a.id)).toEqual([2, 1, 3])
    expect(sortArticles(list, 'oldest').map((a) => a.id)).toEqual([3, 2, 1])
    expect(sortArticles(list, 'newest')).toBe(list)
  })

  it('draws only the rows in view, whatever the size of the library', () => {
    expect(visibleRange(0, 600, 60, 100_000)).toEqual([0, 18])
    expect(visibleRange(60 * 50_000, 600, 60, 100_000)).toEqual([49_992, 50_018])
    expect(visibleRange(60 * 99_990, 600, 60, 100_000)).toEqual([99_982, 100_000])
    expect(visibleRange(0, 600, 60, 0)).toEqual([0, 0])
  })
})
