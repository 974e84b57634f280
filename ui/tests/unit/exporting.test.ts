// The Export dialog's scope and the citation a quotation is copied with.
import { describe, expect, it } from 'vitest'
import { citation, exportScope } from '../../src/lib/exporting'
import { NO_FILTER, type ArticleView, type QuoteView } from '../../src/lib/api'

const quote = (text: string, speaker: number | null): QuoteView => ({
  index: 0,
  id: '1:0-5',
  status: 'machine',
  start: 0,
  end: 5,
  kind: 'direct',
  text,
  speaker,
  mention: null,
  cue: 'said',
  evidence: text,
  confidence: 0.9,
  nested: false,
  rule: 'r',
  said_on: null,
})

const article = (outlet: string | null, published: string | null): ArticleView => ({
  id: 1,
  title: 'T',
  outlet,
  author: null,
  published_local: published,
  published_zone: null,
  published_utc: null,
  source_path: null,
  blocks: [],
  speakers: [
    { index: 0, name: 'Sergei Lavrov', kind: 'person', role: 'Foreign Minister', affiliation: 'Russia', n_quotes: 1, color: 0 },
    { index: 1, name: 'Mike Pompeo', kind: 'person', role: null, affiliation: null, n_quotes: 1, color: 1 },
  ],
  quotes: [],
  text: '',
  annotations: [],
  tags: [],
  reviewed: false,
})

describe('citation', () => {
  it('cites speaker, role, outlet and day', () => {
    expect(citation(article('Iran Press', '2019-01-30T17:41:00+03:30'), quote('Russia will help Iraq.', 0))).toBe(
      '“Russia will help Iraq.” — Sergei Lavrov, Foreign Minister (Iran Press, 2019-01-30)',
    )
  })
  it('leaves out what is unknown and the quotation marks the text already has', () => {
    expect(citation(article(null, null), quote('“When America retreats, chaos follows.”', 1))).toBe(
      '“When America retreats, chaos follows.” — Mike Pompeo',
    )
    expect(citation(article('Wire', null), quote('none of our business', null))).toBe(
      '“none of our business” — Unattributed (Wire)',
    )
  })
})

describe('exportScope', () => {
  const filter = { ...NO_FILTER, speaker: 'Sergei Lavrov' }
  it('keeps the filter for the filtered library only', () => {
    expect(exportScope('library', filter, 3, 'speaker')).toEqual({ filter, article: null, group_by: 'speaker' })
    expect(exportScope('all', filter, 3, 'tag')).toEqual({ filter: NO_FILTER, article: null, group_by: 'tag' })
    expect(exportScope('article', filter, 3, 'speaker')).toEqual({ filter: NO_FILTER, article: 3, group_by: 'speaker' })
  })
  it('falls back to the whole library when no article is open', () => {
    expect(exportScope('article', filter, null, 'speaker').article).toBeNull()
  })
})
