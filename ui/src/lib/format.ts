// Display of dates: the article's own local time (with its zone) and the
// reader's local time, from the strings the backend sends, in the user's
// locale (its order of day and month, its month names, its 12- or 24-hour clock).

/**
 * One formatter per locale and options, made once: a new Intl.DateTimeFormat per
 * call holds ICU's formatter in native memory until the garbage collector finds its
 * small JavaScript object, which it seldom does. The library list formatted a date
 * per row on every scroll frame, and the web process grew by about 1 MB a frame.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()

export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, formatter)
  }
  return formatter
}

/**
 * `2019-01-30T17:41:00+03:30` + `Asia/Tehran` → `30 Jan 2019, 17:41 (Asia/Tehran, UTC+03:30)`
 * in en-GB. The wall-clock time is the article's own: it is shown as written, not
 * converted, so the zone need not be known to the browser.
 */
export function formatArticleDate(local: string | null, zone: string | null, locale?: string): string {
  if (!local) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}:\d{2}|Z)?)?$/.exec(local)
  if (!match) return local
  const [, year, month, day, hour, minute, offset] = match
  // The written wall clock as if it were UTC, formatted in UTC: the same fields back.
  const wall = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0)))
  if (Number.isNaN(wall.getTime())) return local
  const withTime = hour !== undefined
  const shown = dateFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: 'UTC',
  }).format(wall)
  if (!withTime) return shown
  const where = [zone, offset ? `UTC${offset === 'Z' ? '' : offset}` : null].filter(Boolean).join(', ')
  return where ? `${shown} (${where})` : shown
}

/** The same instant in the reader's zone, or '' when the instant is unknown. */
export function formatInReaderZone(utc: string | null, timeZone?: string, locale?: string): string {
  if (!utc) return ''
  const instant = new Date(utc)
  if (Number.isNaN(instant.getTime())) return ''
  // dateStyle/timeStyle cannot be combined with timeZoneName, so fields are spelled out.
  return dateFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(instant)
}
