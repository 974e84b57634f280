// A long list is drawn a page at a time; "Show more" adds a page; another list
// starts again at its first page. (A .svelte.test.ts file: its props are runes.)
import { afterEach, describe, expect, it } from 'vitest'
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
        key: (q: Quote) => q.n,
        item: createRawSnippet((q: () => Quote) => ({ render: () => `<span>${q().n}</span>` })),
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
        key: (q: Quote) => q.n,
        item: createRawSnippet((q: () => Quote) => ({ render: () => `<span>${q().n}</span>` })),
      },
    })
    flushSync()
    expect(drawn()).toEqual([0, 1, 2])
    expect(more()).toBeNull()
  })
})
