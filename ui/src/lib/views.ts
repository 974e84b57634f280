// The views the user left open (reader or map; articles, speakers, timeline or
// notes), read back at start from the page's storage; anything unexpected there
// gives the defaults.

export const VIEWS_KEY = 'quotemap.views'

export type LibraryView = 'articles' | 'speakers' | 'timeline' | 'notes'
export type ContentView = 'reader' | 'map'

export interface KeptViews {
  view: LibraryView
  content: ContentView
}

const LIBRARY_VIEWS: LibraryView[] = ['articles', 'speakers', 'timeline', 'notes']
const CONTENT_VIEWS: ContentView[] = ['reader', 'map']

/** The kept views from `stored` (the storage's text), or the defaults. */
export function parseKeptViews(stored: string | null): KeptViews {
  const kept: KeptViews = { view: 'articles', content: 'reader' }
  try {
    const value = JSON.parse(stored ?? 'null') as Partial<Record<keyof KeptViews, unknown>> | null
    if (value && LIBRARY_VIEWS.includes(value.view as LibraryView)) kept.view = value.view as LibraryView
    if (value && CONTENT_VIEWS.includes(value.content as ContentView)) kept.content = value.content as ContentView
  } catch {
    // Not JSON: the defaults.
  }
  return kept
}

export function keptViews(): KeptViews {
  try {
    return parseKeptViews(localStorage.getItem(VIEWS_KEY))
  } catch {
    return parseKeptViews(null)
  }
}
