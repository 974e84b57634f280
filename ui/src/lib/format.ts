// Display of dates: the article's own local time (with its zone) and the
// reader's local time, from the strings the backend sends.

/** `2019-01-30T17:41:00+03:30` + `Asia/Tehran` → `30 Jan 2019, 17:41 (Asia/Tehran, UTC+03:30)`. */
export function formatArticleDate(local: string | null, zone: string | null): string {
  if (!local) return ''
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}:\d{2}|Z)?)?$/.exec(local)
  if (!match) return local
  const [, year, month, day, hour, minute, offset] = match
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const date = `${Number(day)} ${months[Number(month) - 1]} ${year}`
  if (hour === undefined) return date
  const where = [zone, offset ? `UTC${offset === 'Z' ? '' : offset}` : null].filter(Boolean).join(', ')
  return where ? `${date}, ${hour}:${minute} (${where})` : `${date}, ${hour}:${minute}`
}

/** The same instant in the reader's zone, or '' when the instant is unknown. */
export function formatInReaderZone(utc: string | null, timeZone?: string): string {
  if (!utc) return ''
  const instant = new Date(utc)
  if (Number.isNaN(instant.getTime())) return ''
  // dateStyle/timeStyle cannot be combined with timeZoneName, so fields are spelled out.
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(instant)
}
