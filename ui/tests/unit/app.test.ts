// The real App component in jsdom with Tauri's IPC mocked: the library list,
// the reader, and the import report driven by the backend's events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushSync, mount, unmount } from 'svelte'
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import App from '../../src/App.svelte'
import type { ArticleView } from '../../src/lib/api'

const sample: ArticleView = {
  id: 1,
  title: 'Iraq not to enter anti Iran alliance',
  outlet: 'Iran Press',
  published_local: '2019-01-30T17:41:00+03:30',
  published_zone: 'Asia/Tehran',
  published_utc: '2019-01-30T14:11:00Z',
  source_path: 'iran-press-2019-01-30.txt',
  blocks: [
    { role: 'date_line', text: 'Jan 30, 2019 17:41 Asia/Tehran' },
    { role: 'headline', text: 'Iraq not to enter anti Iran alliance' },
    { role: 'lead', text: 'Iraqi Foreign Minister assured Russia.' },
    { role: 'body', text: 'He said: "<img src=x onerror=alert(1)>" in Moscow.' },
    { role: 'related_heading', text: 'Related news:' },
    { role: 'related_link', text: 'Russia considers anti-Iran conference: Lavrov' },
    { role: 'body', text: 'Lavrov went on to say more.' },
  ],
}

async function until(condition: () => boolean) {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 10))
  flushSync()
  expect(condition()).toBe(true)
}

describe('App', () => {
  let app: ReturnType<typeof mount>
  const handler = vi.fn()

  beforeEach(() => {
    mockWindows('main')
    handler.mockReset()
    handler.mockImplementation((cmd: string, args: Record<string, unknown>) => {
      if (cmd === 'list_articles')
        return [{ id: 1, title: sample.title, outlet: 'Iran Press', published: sample.published_local }]
      if (cmd === 'library_info') return { path: '/tmp/lib.sqlite3', n_articles: 1 }
      if (cmd === 'get_article') return args.id === 1 ? sample : Promise.reject({ code: 'not_found', message: 'no article' })
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
    expect(handler).toHaveBeenCalledWith('get_article', { id: 1 })
    // Related links are set apart from the body.
    const related = document.querySelector('aside.related')
    expect(related?.textContent).toContain('Russia considers anti-Iran conference')
    expect(document.querySelectorAll('article p.body')).toHaveLength(2)
    // The headline is shown once, as the title only.
    expect(document.body.textContent?.split(sample.title).length).toBe(3) // list + reader title
  })

  it('renders article text as text, never as markup', async () => {
    await until(() => !!document.querySelector('#reader-title'))
    expect(document.querySelector('article img')).toBeNull()
    expect(document.querySelector('article')?.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('shows the import report from the backend and refreshes the list', async () => {
    await until(() => document.body.dataset.ready === '1')
    const calls = handler.mock.calls.filter(([cmd]) => cmd === 'list_articles').length
    await emit('import-finished', {
      added: [],
      duplicates: [{ path: '/x/dup.txt', existing_id: 1 }],
      failures: [{ path: '/x/empty.txt', reason: 'the file is empty' }],
    })
    await until(() => !!document.querySelector('#import-report'))
    const report = document.querySelector('#import-report')!.textContent!
    expect(report).toContain('0 imported, 1 already in the library, 1 failed')
    expect(report).toContain('/x/empty.txt: the file is empty')
    expect(handler.mock.calls.filter(([cmd]) => cmd === 'list_articles').length).toBe(calls + 1)
    ;(document.querySelector('#import-report-dismiss') as HTMLButtonElement).click()
    await until(() => !document.querySelector('#import-report'))
  })
})
