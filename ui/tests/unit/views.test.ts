import { describe, expect, it } from 'vitest'
import { parseKeptViews } from '../../src/lib/views'

describe('parseKeptViews', () => {
  it('reads back the views that were kept', () => {
    expect(parseKeptViews('{"view":"timeline","content":"map"}')).toEqual({ view: 'timeline', content: 'map' })
  })
  it('gives the defaults for nothing, garbage or unknown views', () => {
    const defaults = { view: 'articles', content: 'reader' }
    expect(parseKeptViews(null)).toEqual(defaults)
    expect(parseKeptViews('not json')).toEqual(defaults)
    expect(parseKeptViews('{"view":"<img src=x>","content":42}')).toEqual(defaults)
    expect(parseKeptViews('{"view":"notes"}')).toEqual({ view: 'notes', content: 'reader' })
  })
})
