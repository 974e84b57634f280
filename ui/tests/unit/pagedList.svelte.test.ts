// A long list is drawn a page at a time; "Show more" adds a page; another list
// starts again at its first page; a list given only its beginning asks for the
// pages after it, and drops an answer for a list since replaced.
// (A .svelte.test.ts file: its props are runes.)
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createRawSnippet, flushSync, mount, unmount } from 'svelte'
import PagedList from '../../src/components/PagedList.svelte'

type Quote = { n: number }
const many = (count: number, from = 0): Quote[] => Array.from({ length: count }, (_, i) => ({ n: from + i }))

let list: ReturnType<typeof mount> | null = null
afterEach(() => {
  if (list) unmount(list)
  list = null
  document.body.innerHTML = ''
})

const drawn = () => [...document.querySelectorAll('#quotes li')].map((li) => Number(li.textContent))
const more = () => document.querySelector<HTMLButtonElement>('button.more')
/** How every list here tells its items apart and draws one. */
const drawing = {
  key: (q: Quote) => q.n,
  item: createRawSnippet((q: () => Quote) => ({ render: () => `<span>${q().n}</span>` })),
}

describe('PagedList', () => {
  it('draws the first page, then a page more at each click, and no button once all are drawn', () => {
    const props = $state({ items: many(120) })
    list = mount(PagedList<Quote>, {
      target: document.body,
      props: {
        id: 'quotes',
        get items() {
          return props.items
        },
        ...drawing,
      },
    })
    flushSync()
    expect(drawn()).toEqual(many(50).map((q) => q.n))
    expect(more()!.textContent).toBe('Show 50 more (70 not shown)')
    more()!.click()
    flushSync()
    expect(drawn().length).toBe(100)
    expect(more()!.textContent).toBe('Show 20 more (20 not shown)')
    more()!.click()
    flushSync()
    expect(drawn()).toEqual(many(120).map((q) => q.n))
    expect(more()).toBeNull()
    // Another entity opened: its list from the top.
    props.items = many(75, 1000)
    flushSync()
    expect(drawn()).toEqual(many(50, 1000).map((q) => q.n))
    expect(more()!.textContent).toBe('Show 25 more (25 not shown)')
  })

  it('draws a short list whole, without a button', () => {
    list = mount(PagedList<Quote>, {
      target: document.body,
      props: {
        id: 'quotes',
        items: many(3),
        ...drawing,
      },
    })
    flushSync()
    expect(drawn()).toEqual([0, 1, 2])
    expect(more()).toBeNull()
  })

  it('asks for the pages after the beginning it was given, as they are shown', async () => {
    const whole = many(120)
    const asked: [number, number][] = []
    list = mount(PagedList<Quote>, {
      target: document.body,
      props: {
        id: 'quotes',
        items: whole.slice(0, 50),
        total: 120,
        fetch: async (offset: number, limit: number) => {
          asked.push([offset, limit])
          return whole.slice(offset, offset + limit)
        },
        ...drawing,
      },
    })
    flushSync()
    expect(drawn()).toEqual(many(50).map((q) => q.n))
    expect(more()!.textContent).toBe('Show 50 more (70 not shown)')
    more()!.click()
    await vi.waitFor(() => expect(drawn().length).toBe(100))
    more()!.click()
    await vi.waitFor(() => expect(drawn()).toEqual(whole.map((q) => q.n)))
    expect(asked).toEqual([
      [50, 50],
      [100, 50],
    ])
    expect(more()).toBeNull()
  })

  it('drops a page that arrives after its list was replaced, and says when reading fails', async () => {
    let answer!: (quotes: Quote[]) => void
    const props = $state({ items: many(50), total: 80 })
    let failing = false
    list = mount(PagedList<Quote>, {
      target: document.body,
      props: {
        id: 'quotes',
        get items() {
          return props.items
        },
        get total() {
          return props.total
        },
        fetch: (offset: number, limit: number) =>
          failing ? Promise.reject({ code: 'store', message: 'database is locked' }) : new Promise<Quote[]>((r) => (answer = () => r(many(limit, offset)))),
        ...drawing,
      },
    })
    flushSync()
    more()!.click()
    flushSync()
    expect(more()!.textContent).toBe('Reading…')
    // Another entity is opened before the page comes.
    props.items = many(50, 1000)
    props.total = 90
    flushSync()
    answer([])
    await new Promise((r) => setTimeout(r, 0))
    flushSync()
    expect(drawn()).toEqual(many(50, 1000).map((q) => q.n))
    expect(more()!.textContent).toBe('Show 40 more (40 not shown)')
    failing = true
    more()!.click()
    await vi.waitFor(() => expect(document.querySelector('.failed')?.textContent).toBe('Could not read more: database is locked'))
    expect(drawn().length).toBe(50)
    expect(more()!.disabled).toBe(false)
  })
})
