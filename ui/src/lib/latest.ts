// The latest of overlapping requests wins: a panel filled by an answer that
// arrives after the answer to a later click would show one entity's quotations
// under another's name (seen on the 10,000-article map: "United States" with
// Donald Trump's names and quotations, his answer being the slower one).

/** Numbers the requests of one panel; each one's `isLatest` says whether a
 * later request has begun since. */
export class LatestRequest {
  private begun = 0

  begin(): { isLatest: () => boolean } {
    const mine = ++this.begun
    return { isLatest: () => mine === this.begun }
  }
}
