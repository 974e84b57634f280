// An answer to an older request is dropped once a later one has begun, whatever
// order the answers arrive in.
import { describe, expect, it } from 'vitest'
import { LatestRequest } from '../../src/lib/latest'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('LatestRequest', () => {
  it('keeps the later answer when the earlier one arrives last', async () => {
    const requests = new LatestRequest()
    let shown = ''
    const open = async (answer: Promise<string>) => {
      const request = requests.begin()
      const value = await answer
      if (request.isLatest()) shown = value
    }
    const slow = deferred<string>()
    const fast = deferred<string>()
    const first = open(slow.promise)
    const second = open(fast.promise)
    fast.resolve('United States')
    await second
    slow.resolve('Donald J. Trump')
    await first
    expect(shown).toBe('United States')
  })

  it('keeps a lone answer', async () => {
    const requests = new LatestRequest()
    const request = requests.begin()
    await Promise.resolve()
    expect(request.isLatest()).toBe(true)
    requests.begin()
    expect(request.isLatest()).toBe(false)
  })
})
