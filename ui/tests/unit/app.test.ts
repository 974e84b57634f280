// The real App component in jsdom with Tauri's IPC mocked: the library list,
// the reader with highlighted quotes and speakers, and the import report
// driven by the backend's events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import App from '../../src/App.svelte'
import type { ArticleView, BlockView, QuoteView } from '../../src/lib/api'

// jsdom lays nothing out and has no ResizeObserver (Svelte's bind:clientHeight
// uses one): sizes stay 0, so the windowed list draws its overscan rows.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
}

// Blocks follow each other in the article's text, a blank line apart; each
// segment carries its start in code points, as the backend gives it.
let cursor = 0
let articleText = ''
function block(role: BlockView['role'], ...parts: [string, number[]][]): BlockView {
  if (articleText !== '') {
    articleText += '\n\n'
    cursor += 2
  }
  const segments = parts.map(([text, quotes]) => {
    const segment = { text, quotes, evidence: false, start: cursor, annotations: [] as number[] }
    cursor += Array.from(text).length
    articleText += text
    return segment
  })
  return { role, text: parts.map(([t]) => t).join(''), segments }
}

function quote(index: number, kind: string, speaker: number | null, text: string, confidence = 0.9): QuoteView {
  return {
    index,
    id: `1:${index * 10}-${index * 10 + 5}`,
    status: 'machine',
    start: index * 10,
    end: index * 10 + 5,
    kind,
    text,
    speaker,
    mention: null,
    cue: 'said',
    evidence: `He said ${text}`,
    confidence,
    nested: false,
    rule: 'test',
    said_on: null,
  }
}

const sample: ArticleView = {
  id: 1,
  title: 'Iraq not to enter anti Iran alliance',
  outlet: 'Iran Press',
  author: '<b>Staff</b> Writer',
  published_local: '2019-01-30T17:41:00+03:30',
  published_zone: 'Asia/Tehran',
  published_utc: '2019-01-30T14:11:00Z',
  source_path: 'iran-press-2019-01-30.txt',
  blocks: [
    block('date_line', ['Jan 30, 2019 17:41 Asia/Tehran', []]),
    block('headline', ['Iraq not to enter anti Iran alliance', []]),
    block('lead', ['Iraqi Foreign Minister assured Russia ', []], ['that Baghdad will not enter any treaty', [0]], ['.', []]),
    block('body', ['He said: "', []], ['<img src=x onerror=alert(1)>', [1]], ['" in Moscow.', []]),
    block('related_heading', ['Related news:', []]),
    block('related_link', ['Russia considers anti-Iran conference', [2]], [': Lavrov', []]),
    block('body', ['Lavrov said: "', []], ['Russia will help ', [3]], ['"America"', [3, 4]], ['."', []]),
  ],
  speakers: [
    { index: 0, name: 'Mohamed Ali Alhakim', kind: 'person', role: 'Foreign Minister', affiliation: 'Iraq', n_quotes: 2, color: 3 },
    { index: 1, name: 'Sergei Lavrov', kind: 'person', role: 'Foreign Minister', affiliation: 'Russia', n_quotes: 2, color: 7 },
    { index: 2, name: 'Mike Pompeo', kind: 'person', role: null, affiliation: null, n_quotes: 1, color: 1 },
  ],
  quotes: [
    quote(0, 'indirect', 0, 'that Baghdad will not enter any treaty'),
    quote(1, 'direct', 0, '<img src=x onerror=alert(1)>'),
    quote(2, 'indirect', 1, 'Russia considers anti-Iran conference', 0.6),
    quote(3, 'direct', 1, 'Russia will help "America"'),
    quote(4, 'direct', 2, 'America'),
  ],
  text: '',
  annotations: [],
  tags: ['budget'],
  reviewed: false,
}
sample.text = articleText

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  flushSync()
  expect(condition()).toBe(true)
}

const marks = () => Array.from(document.querySelectorAll<HTMLElement>('mark.quote'))

describe('App', () => {
  let app: ReturnType<typeof mount>
  const handler = vi.fn()

  beforeEach(() => {
    mockWindows('main')
    handler.mockReset()
    handler.mockImplementation((cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'list_article_page') {
        const articles =
          (args.filter as { speaker: string | null } | undefined)?.speaker === 'Nobody'
            ? []
            : [{ id: 1, title: sample.title, outlet: 'Iran Press', published: sample.published_local, n_quotes: 5, reviewed: false }]
        return { total: articles.length, offset: args.offset, articles: articles.slice(args.offset as number) }
      }
      if (cmd === 'library_facets')
        return {
          speakers: [
            { name: 'Sergei Lavrov', n_articles: 1, n_quotes: 2, entity: 4 },
            { name: 'Nobody', n_articles: 0, n_quotes: 0, entity: null },
            { name: 'Lavrov', n_articles: 1, n_quotes: 1, entity: 5 },
          ],
          outlets: [{ name: 'Iran Press', n_articles: 1, n_quotes: 1, entity: null }],
          entities: [{ id: 7, kind: 'country', name: 'Russia', n_articles: 1 }],
        }
      if (cmd === 'quote_timeline')
        return (args.filter as { speaker: string | null }).speaker === 'Sergei Lavrov'
          ? [{ month: '2019-01', direct: 2, indirect: 2, mixed: 0 }]
          : [
              { month: '2019-01', direct: 6, indirect: 5, mixed: 2 },
              { month: '2019-02', direct: 1, indirect: 0, mixed: 0 },
            ]
      if (cmd === 'speaker_quotes')
        return [
          { article_id: 1, title: sample.title, published: '2019-01-30T17:41:00+03:30', index: 2, text: 'Russia considers', kind: 'indirect' },
          { article_id: 1, title: sample.title, published: '2019-02-02T10:00:00+03:30', index: 3, text: 'Russia will help', kind: 'direct' },
        ]
      if (cmd === 'library_tags') return [{ tag: 'budget', count: 2 }]
      if (cmd === 'merge_entities') return 5
      if (cmd === 'list_annotations')
        return {
          total: 2,
          annotations: [
            {
              id: 9,
              article_id: 1,
              title: sample.title,
              start: 0,
              end: 4,
              exact: 'Iraq',
              prefix: '',
              suffix: '',
              note: '<b>check</b> the minutes',
              color: 'green',
              tags: ['budget'],
              created_at: '2026-12-01T10:00:00Z',
              updated_at: '2026-12-01T10:00:00Z',
              needs_anchoring: (args.filter as { tag: string | null }).tag === 'budget',
            },
          ],
        }
      if (cmd === 'undo') return { label: 'reject a quotation', can_undo: 0, can_redo: 1 }
      if (cmd === 'reject_quote' || cmd === 'confirm_quote') return 'u1'
      if (cmd === 'add_annotation')
        return {
          id: 1,
          article_id: 1,
          title: sample.title,
          start: args.start,
          end: args.end,
          exact: '',
          prefix: '',
          suffix: '',
          note: '',
          color: 'yellow',
          tags: [],
          created_at: '',
          updated_at: '',
          needs_anchoring: false,
        }
      if (cmd === 'library_info') return { path: '/tmp/lib.sqlite3', n_articles: 1, outdated: 0 }
      if (cmd === 'search')
        return String(args.query).includes('treaty')
          ? [
              {
                id: 1,
                title: sample.title,
                outlet: 'Iran Press',
                published: sample.published_local,
                snippet: [
                  { text: 'Baghdad will not enter any ', hit: false },
                  { text: 'treaty', hit: true },
                  { text: ' <img src=x>', hit: false },
                ],
                quote: 3,
              },
            ]
          : []
      if (cmd === 'get_article')
        return args.id === 1 ? sample : Promise.reject({ code: 'not_found', message: 'no article' })
      return undefined
    })
    mockIPC(handler, { shouldMockEvents: true })
    app = mount(App, { target: document.body })
  })

  afterEach(async () => {
    unmount(app)
    // Listeners are removed asynchronously; let that happen before the mocks go.
    await new Promise((r) => setTimeout(r, 20))
    clearMocks()
    document.body.innerHTML = ''
    delete document.body.dataset.ready
  })

  it('lists the library and opens the first article', async () => {
    await until(() => document.body.dataset.ready === '1' && !!document.querySelector('#reader-title'))
    expect(document.querySelector('#library-list')?.textContent).toContain(sample.title)
    expect(document.querySelector('#reader-title')?.textContent).toBe(sample.title)
    expect(handler).toHaveBeenCalledWith('get_article', { id: 1, evidence: null })
    const related = document.querySelector('aside.related')
    expect(related?.textContent).toContain('Russia considers anti-Iran conference')
    expect(document.querySelectorAll('article p.body')).toHaveLength(2)
  })

  it('asks Rust for the Open dialog from the buttons and Ctrl+O', async () => {
    await until(() => document.body.dataset.ready === '1')
    document.querySelector<HTMLButtonElement>('#open-files')!.click()
    document.querySelector<HTMLButtonElement>('#open-folder')!.click()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true }))
    await until(() => handler.mock.calls.filter(([cmd]) => cmd === 'open_import_dialog').length === 3)
    const asked = handler.mock.calls.filter(([cmd]) => cmd === 'open_import_dialog').map(([, args]) => args)
    expect(asked).toEqual([{ folders: false }, { folders: true }, { folders: false }])
  })

  it('searches as the user types and lands on the quotation', async () => {
    await until(() => document.body.dataset.ready === '1' && !!document.querySelector('#reader-title'))
    const box = document.querySelector<HTMLInputElement>('#search')!
    box.value = 'treaty'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    await until(() => !!document.querySelector('#search-results .hit'))
    const hit = document.querySelector<HTMLButtonElement>('#search-results .hit')!
    expect(hit.querySelector('mark')?.textContent).toBe('treaty')
    // Snippets are text: the page's markup is shown, never made.
    expect(hit.querySelector('img')).toBeNull()
    expect(hit.textContent).toContain('<img src=x>')
    hit.click()
    await until(() => !!document.querySelector('mark.quote.selected'))
    expect(document.querySelector<HTMLElement>('mark.quote.selected')?.dataset.quote).toBe('3')
    // Nothing found says so.
    box.value = 'zanzibar'
    box.dispatchEvent(new Event('input', { bubbles: true }))
    await until(() => document.querySelector('#search-results .count')?.textContent?.includes('Nothing matches') ?? false)
  })

  it('filters combine and an empty result says so', async () => {
    await until(() => document.body.dataset.ready === '1' && !!document.querySelector('#filter-speaker option[value="Nobody"]'))
    const speaker = document.querySelector<HTMLSelectElement>('#filter-speaker')!
    speaker.value = 'Nobody'
    speaker.dispatchEvent(new Event('change', { bubbles: true }))
    await until(() => !!document.querySelector('#library-empty'))
    expect(document.querySelector('#library-empty')?.textContent).toContain('No article matches these filters')
    const lastPage = handler.mock.calls.filter(([cmd]) => cmd === 'list_article_page').at(-1)![1]
    expect(lastPage).toEqual({
      order: 'newest',
      offset: 0,
      limit: 100,
      filter: { speaker: 'Nobody', outlet: null, kind: null, from: null, to: null, entity: null, tag: null, reviewed: null },
    })
    document.querySelector<HTMLButtonElement>('#filter-clear')!.click()
    await until(() => !!document.querySelector('#library-list [data-article-id="1"]'))
    expect(document.querySelector('#library-list')?.textContent).toContain('5 quotes')
  })

  it('the speakers view shows a speaker over time and leads to each quotation', async () => {
    await until(() => document.body.dataset.ready === '1' && !!document.querySelector('#reader-title'))
    document.querySelector<HTMLButtonElement>('#tab-speakers')!.click()
    await until(() => !!document.querySelector('[data-speaker-name="Sergei Lavrov"].speaker'))
    document.querySelector<HTMLButtonElement>('[data-speaker-name="Sergei Lavrov"].speaker')!.click()
    await until(() => document.querySelectorAll('#speaker-quotes .quote').length === 2)
    expect([...document.querySelectorAll('#speaker-timeline .month')].map((m) => m.textContent)).toEqual(['2019-01', '2019-02'])
    document.querySelectorAll<HTMLButtonElement>('#speaker-quotes .quote')[1].click()
    await until(() => document.querySelector<HTMLElement>('mark.quote.selected')?.dataset.quote === '3')
  })

  it('the timeline counts quotations by month, follows the speaker filter, and opens a month', async () => {
    await until(() => document.body.dataset.ready === '1')
    document.querySelector<HTMLButtonElement>('#tab-timeline')!.click()
    await until(() => document.querySelectorAll('#timeline-view .month').length === 2)
    expect(document.querySelector('#timeline-view .summary')?.textContent).toContain('14 quotations in 2 months')
    const speaker = document.querySelector<HTMLSelectElement>('#filter-speaker')!
    speaker.value = 'Sergei Lavrov'
    speaker.dispatchEvent(new Event('change', { bubbles: true }))
    await until(() => document.querySelectorAll('#timeline-view .month').length === 1)
    document.querySelector<HTMLButtonElement>('#timeline-view .month')!.click()
    await until(() => !!document.querySelector('#library-list'))
    const lastPage = handler.mock.calls.filter(([cmd]) => cmd === 'list_article_page').at(-1)![1]
    expect(lastPage).toEqual({
      order: 'newest',
      offset: 0,
      limit: 100,
      filter: {
        speaker: 'Sergei Lavrov',
        outlet: null,
        kind: null,
        from: '2019-01-01',
        to: '2019-01-31',
        entity: null,
        tag: null,
        reviewed: null,
      },
    })
  })

  it('s cycles through the speakers and a second Escape goes back to the list', async () => {
    await until(() => marks().length > 0)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's' }))
    flushSync()
    expect(document.querySelectorAll('mark.quote.emphasised').length).toBeGreaterThan(0)
    const first = document.querySelector<HTMLElement>('mark.quote.emphasised')!.dataset.speaker
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's' }))
    flushSync()
    expect(document.querySelector<HTMLElement>('mark.quote.emphasised')?.dataset.speaker).not.toBe(first)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    flushSync()
    expect(document.querySelectorAll('mark.quote.emphasised')).toHaveLength(0)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    expect(document.activeElement?.closest('#library-list')).not.toBeNull()
  })

  it('renders article text as text, never as markup', async () => {
    await until(() => !!document.querySelector('#reader-title'))
    expect(document.querySelector('article img')).toBeNull()
    // The byline is data from the page too.
    expect(document.querySelector('#reader-byline')?.textContent).toBe('By <b>Staff</b> Writer')
    expect(document.querySelector('header b')).toBeNull()
    expect(document.querySelector('article')?.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('highlights every quote with its speaker colour, kind, nesting and doubt', async () => {
    await until(() => marks().length > 0)
    const byQuote = (i: number) => marks().filter((m) => m.dataset.quote === String(i))
    expect(byQuote(0)[0].className).toContain('kind-indirect')
    expect(byQuote(0)[0].className).toContain('speaker-c3')
    expect(byQuote(1)[0].className).toContain('kind-direct')
    expect(byQuote(2)[0].className).toContain('unsure')
    // The nested quote sits inside its parent's mark.
    const inner = byQuote(4)[0]
    expect(inner.parentElement?.dataset.quote).toBe('3')
    expect(inner.className).toContain('speaker-c1')
    // The text reads the same as the block.
    expect(document.querySelectorAll('article p.body')[1].textContent).toBe('Lavrov said: "Russia will help "America"."')
  })

  it('clicking a speaker emphasises exactly their quotes and dims the rest', async () => {
    await until(() => !!document.querySelector('#speaker-panel button'))
    const lavrov = document.querySelector<HTMLButtonElement>('[data-speaker-name="Sergei Lavrov"]')!
    expect(lavrov.textContent).toContain('Foreign Minister, Russia')
    lavrov.click()
    flushSync()
    const quotesWith = (cls: string) =>
      [...new Set(marks().filter((m) => m.classList.contains(cls)).map((m) => m.dataset.quote))].sort()
    expect(quotesWith('emphasised')).toEqual(['2', '3'])
    expect(quotesWith('dim')).toEqual(['0', '1', '4'])
    lavrov.click()
    flushSync()
    expect(marks().some((m) => m.classList.contains('dim'))).toBe(false)
  })

  it('clicking a quote shows its speaker, kind, cue, confidence and evidence', async () => {
    await until(() => marks().length > 0)
    marks().find((m) => m.dataset.quote === '2')!.click()
    flushSync()
    const details = document.querySelector('#quote-details')!
    expect(details.querySelector('#quote-speaker')?.textContent).toContain('Sergei Lavrov')
    expect(details.querySelector('#quote-kind')?.textContent).toBe('indirect')
    expect(details.textContent).toContain('60% — worth a second look')
    expect(details.querySelector('#quote-evidence')?.textContent).toBe('He said Russia considers anti-Iran conference')
  })

  it('shows import progress with a Cancel button that asks the backend to stop', async () => {
    await until(() => document.body.dataset.ready === '1')
    await emit('import-started', 2)
    await emit('import-progress', { done: 1, total: 4, current: '/x/b.txt' })
    await until(() => !!document.querySelector('#import-progress progress'))
    expect(document.querySelector('#import-progress')!.textContent).toContain('1 of 4 files')
    ;(document.querySelector('#import-cancel') as HTMLButtonElement).click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'cancel_import'))
  })

  it('shows the import report from the backend and refreshes the list', async () => {
    await until(() => document.body.dataset.ready === '1')
    const calls = handler.mock.calls.filter(([cmd]) => cmd === 'list_article_page').length
    await emit('import-finished', {
      added: [],
      duplicates: [{ path: '/x/dup.txt', existing_id: 1 }],
      failures: [{ path: '/x/empty.txt', reason: 'the file is empty' }],
      skipped_other_formats: 3,
      cancelled: false,
    })
    await until(() => !!document.querySelector('#import-report'))
    const report = document.querySelector('#import-report')!.textContent!
    expect(report).toContain('0 imported, 1 already in the library, 1 failed, 3 files of other formats skipped')
    expect(report).toContain('/x/empty.txt: the file is empty')
    expect(handler.mock.calls.filter(([cmd]) => cmd === 'list_article_page').length).toBe(calls + 1)
    ;(document.querySelector('#import-report-dismiss') as HTMLButtonElement).click()
    await until(() => !document.querySelector('#import-report'))
  })

  it('a selection becomes a note on the span the backend counts (code points)', async () => {
    await until(() => marks().length > 0)
    // Select "Baghdad will" inside the lead's quotation: after the curly-free lead start.
    const lead = document.querySelector('article p.lead')!
    const text = Array.from(lead.querySelectorAll<HTMLElement>('.seg')).find((s) => s.textContent!.startsWith('that Baghdad'))!
    const node = text.firstChild as Text
    const selection = document.getSelection()!
    selection.setBaseAndExtent(node, 5, node, 17)
    document.dispatchEvent(new Event('selectionchange'))
    await until(() => !!document.querySelector('#selection-actions'))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    await until(() => !!document.querySelector('#annotation-editor'))
    expect(document.querySelector('#annotation-editor .exact')?.textContent).toBe('Baghdad will')
    const note = document.querySelector<HTMLTextAreaElement>('#annotation-note')!
    note.value = 'Line 1\n<b>line 2</b>'
    note.dispatchEvent(new Event('input', { bubbles: true }))
    const tags = document.querySelector<HTMLInputElement>('#annotation-tags')!
    tags.value = 'budget, follow-up ,'
    tags.dispatchEvent(new Event('input', { bubbles: true }))
    document.querySelector<HTMLButtonElement>('#annotation-save')!.click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'add_annotation'))
    const start = Number(text.dataset.start) + 5
    expect(handler.mock.calls.find(([cmd]) => cmd === 'add_annotation')![1]).toEqual({
      article: 1,
      start,
      end: start + 12,
      input: { note: 'Line 1\n<b>line 2</b>', tags: ['budget', 'follow-up'], color: 'yellow' },
    })
    // The article is read again to show it.
    await until(() => handler.mock.calls.filter(([cmd]) => cmd === 'get_article').length >= 2)
  })

  it('c and x confirm and reject the selected quotation; Ctrl+Z undoes', async () => {
    await until(() => marks().length > 0)
    marks().find((m) => m.dataset.quote === '2')!.click()
    flushSync()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }))
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'reject_quote'))
    expect(handler.mock.calls.find(([cmd]) => cmd === 'reject_quote')![1]).toEqual({ quote: '1:20-25' })
    // The answer's id (u1) is not in the article read again: nothing stays selected.
    await until(() => !document.querySelector('#quote-details'))
    marks().find((m) => m.dataset.quote === '3')!.click()
    flushSync()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c' }))
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'confirm_quote'))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true }))
    await until(() => document.querySelector('#history-status')?.textContent === 'Undid: reject a quotation')
  })

  it('the article panel sets tags and the reviewed mark', async () => {
    await until(() => !!document.querySelector('#article-notes'))
    expect(document.querySelector('#article-notes .tags')?.textContent).toContain('budget')
    document.querySelector<HTMLInputElement>('#article-reviewed')!.click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'set_reviewed'))
    expect(handler.mock.calls.find(([cmd]) => cmd === 'set_reviewed')![1]).toEqual({ article: 1, reviewed: true })
    const input = document.querySelector<HTMLInputElement>('#article-tag')!
    input.value = 'sanctions'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.form!.requestSubmit()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'set_article_tags'))
    expect(handler.mock.calls.find(([cmd]) => cmd === 'set_article_tags')![1]).toEqual({ article: 1, tags: ['budget', 'sanctions'] })
  })

  it('with the keyboard only: n selects a quotation and a notes it', async () => {
    await until(() => marks().length > 0)
    document.getSelection()?.removeAllRanges()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n' }))
    flushSync()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    await until(() => !!document.querySelector('#annotation-editor'))
    document.querySelector<HTMLButtonElement>('#annotation-save')!.click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'add_annotation'))
    const args = handler.mock.calls.find(([cmd]) => cmd === 'add_annotation')![1]
    expect([args.start, args.end]).toEqual([10, 15])
  })

  it('a selection becomes the selected quotation\'s span', async () => {
    await until(() => marks().length > 0)
    marks().find((m) => m.dataset.quote === '0')!.click()
    flushSync()
    const seg = document.querySelector<HTMLElement>('article p.lead .seg')!
    document.getSelection()!.setBaseAndExtent(seg.firstChild!, 0, seg.firstChild!, 6)
    document.dispatchEvent(new Event('selectionchange'))
    await until(() => !!document.querySelector('#quote-set-span'))
    document.querySelector<HTMLButtonElement>('#quote-set-span')!.click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'set_quote_span'))
    const start = Number(seg.dataset.start)
    expect(handler.mock.calls.find(([cmd]) => cmd === 'set_quote_span')![1]).toEqual({ quote: '1:0-5', start, end: start + 6 })
  })

  it('the Notes view lists, filters by tag and article, and flags notes that lost their place', async () => {
    await until(() => !!document.querySelector('#reader-title'))
    document.querySelector<HTMLButtonElement>('#tab-notes')!.click()
    await until(() => !!document.querySelector('#annotations-view [data-annotation="9"]'))
    const note = document.querySelector('#annotations-view [data-annotation="9"]')!
    expect(note.textContent).toContain('<b>check</b> the minutes')
    expect(note.querySelector('b')).toBeNull()
    expect(document.querySelector('#annotations-view .count')?.textContent).toBe('1 of 2 notes')
    const tag = document.querySelector<HTMLSelectElement>('#annotations-tag')!
    tag.value = 'budget'
    tag.dispatchEvent(new Event('change', { bubbles: true }))
    await until(() => document.querySelector('#annotations-view .warn')?.textContent === 'needs re-anchoring')
    document.querySelector<HTMLInputElement>('#annotations-this-article')!.click()
    await until(
      () => (handler.mock.calls.filter(([cmd]) => cmd === 'list_annotations').at(-1)![1].filter as { article: number | null }).article === 1,
    )
    ;(note as HTMLButtonElement).click()
    await until(() => handler.mock.calls.filter(([cmd]) => cmd === 'get_article').length >= 2)
  })

  it('the speakers view merges a speaker into another one', async () => {
    await until(() => !!document.querySelector('#reader-title'))
    document.querySelector<HTMLButtonElement>('#tab-speakers')!.click()
    await until(() => !!document.querySelector('[data-speaker-name="Sergei Lavrov"].speaker'))
    document.querySelector<HTMLButtonElement>('[data-speaker-name="Sergei Lavrov"].speaker')!.click()
    await until(() => !!document.querySelector('#speaker-merge-into option[value="5"]'))
    // Speakers without an entity are not offered.
    expect(document.querySelectorAll('#speaker-merge-into option')).toHaveLength(2)
    const select = document.querySelector<HTMLSelectElement>('#speaker-merge-into')!
    select.value = '5'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    flushSync()
    document.querySelector<HTMLButtonElement>('#speaker-merge')!.click()
    await until(() => handler.mock.calls.some(([cmd]) => cmd === 'merge_entities'))
    expect(handler.mock.calls.find(([cmd]) => cmd === 'merge_entities')![1]).toEqual({ from: 4, into: 5 })
    await until(() => document.querySelector('#speaker-name')?.textContent === 'Lavrov')
  })
})
