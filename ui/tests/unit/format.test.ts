import { describe, expect, it } from 'vitest'
import { formatArticleDate, formatInReaderZone } from '../../src/lib/format'

describe('formatArticleDate', () => {
  it('shows the article time with its zone and offset', () => {
    expect(formatArticleDate('2019-01-30T17:41:00+03:30', 'Asia/Tehran', 'en-GB')).toBe(
      '30 Jan 2019, 17:41 (Asia/Tehran, UTC+03:30)',
    )
  })
  it('handles dates without time and unknown shapes', () => {
    expect(formatArticleDate('2019-01-09', null, 'en-GB')).toBe('9 Jan 2019')
    expect(formatArticleDate('2019-01-09T08:30:00', null, 'en-GB')).toBe('9 Jan 2019, 08:30')
    expect(formatArticleDate('sometime', null)).toBe('sometime')
    expect(formatArticleDate(null, null)).toBe('')
  })
  it('follows the locale: order, month names, clock', () => {
    expect(formatArticleDate('2019-01-09', null, 'de-DE')).toBe('9. Jan. 2019')
    expect(formatArticleDate('2019-01-09T20:30:00', null, 'en-US')).toMatch(/^Jan 9, 2019, 08:30\sPM$/)
  })
  it('shows the wall clock as written, whatever the zone of the machine', () => {
    // 23:30 in the article's zone stays 23:30 (not the next day in UTC).
    expect(formatArticleDate('2019-12-31T23:30:00-05:00', 'America/New_York', 'en-GB')).toBe(
      '31 Dec 2019, 23:30 (America/New_York, UTC-05:00)',
    )
  })
})

describe('formatInReaderZone', () => {
  it('converts the instant to the given zone', () => {
    const shown = formatInReaderZone('2019-01-30T14:11:00Z', 'Europe/Berlin', 'en-GB')
    expect(shown).toContain('30 Jan 2019')
    expect(shown).toContain('15:11')
  })
  it('is empty for unknown instants', () => {
    expect(formatInReaderZone(null)).toBe('')
    expect(formatInReaderZone('not a date')).toBe('')
  })
})

describe('date formatters', () => {
  it('are made once per locale and options, not once per date shown', () => {
    // A formatter per call kept ICU's native formatter alive until a garbage collection
    // the web view seldom ran: the library list grew the web process by ~1 MB a scroll frame.
    const Original = Intl.DateTimeFormat
    let made = 0
    const counting = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made++
      return new Original(...args)
    }
    Intl.DateTimeFormat = counting as unknown as typeof Intl.DateTimeFormat
    try {
      for (let day = 1; day <= 28; day++) {
        const date = `2021-02-${String(day).padStart(2, '0')}`
        formatArticleDate(`${date}T10:00:00+01:00`, 'Europe/Paris', 'nb-NO')
        formatArticleDate(date, null, 'nb-NO')
        formatInReaderZone(`${date}T09:00:00Z`, 'Asia/Tokyo', 'nb-NO')
      }
      // One with a time, one date only, one in the reader's zone.
      expect(made).toBe(3)
    } finally {
      Intl.DateTimeFormat = Original
    }
  })
})
