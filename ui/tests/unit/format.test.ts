import { describe, expect, it } from 'vitest'
import { formatArticleDate, formatInReaderZone } from '../../src/lib/format'

describe('formatArticleDate', () => {
  it('shows the article time with its zone and offset', () => {
    expect(formatArticleDate('2019-01-30T17:41:00+03:30', 'Asia/Tehran')).toBe(
      '30 Jan 2019, 17:41 (Asia/Tehran, UTC+03:30)',
    )
  })
  it('handles dates without time and unknown shapes', () => {
    expect(formatArticleDate('2019-01-09', null)).toBe('9 Jan 2019')
    expect(formatArticleDate('2019-01-09T08:30:00', null)).toBe('9 Jan 2019, 08:30')
    expect(formatArticleDate('sometime', null)).toBe('sometime')
    expect(formatArticleDate(null, null)).toBe('')
  })
})

describe('formatInReaderZone', () => {
  it('converts the instant to the given zone', () => {
    const shown = formatInReaderZone('2019-01-30T14:11:00Z', 'Europe/Berlin')
    expect(shown).toContain('30 Jan 2019')
    expect(shown).toContain('15:11')
  })
  it('is empty for unknown instants', () => {
    expect(formatInReaderZone(null)).toBe('')
    expect(formatInReaderZone('not a date')).toBe('')
  })
})
