// The speaker panel counts quotations whose speaker is unknown, so an article
// with quotations never reads as one without.
import { afterEach, describe, expect, it } from 'vitest'
import { mount, unmount } from 'svelte'
import SpeakerPanel from '../../src/components/SpeakerPanel.svelte'
import type { SpeakerView } from '../../src/lib/api'

const lavrov: SpeakerView = {
  index: 0,
  name: 'Sergei Lavrov',
  kind: 'person',
  role: 'Foreign Minister',
  affiliation: 'Russia',
  n_quotes: 2,
  color: 3,
}

let panel: ReturnType<typeof mount> | null = null
afterEach(() => {
  if (panel) unmount(panel)
  panel = null
  document.body.innerHTML = ''
})

function show(speakers: SpeakerView[], unattributed: number): string {
  panel = mount(SpeakerPanel, {
    target: document.body,
    props: { speakers, unattributed, selected: null, onselect: () => {} },
  })
  return document.querySelector('#speaker-panel')!.textContent!.replace(/\s+/g, ' ')
}

describe('SpeakerPanel', () => {
  it('says there are no quotations only when there are none', () => {
    expect(show([], 0)).toContain('No quotations found in this article.')
  })
  it('counts quotations without a known speaker when nobody is named', () => {
    const text = show([], 1)
    expect(text).toContain('1 quotation, none with a known speaker.')
    expect(text).not.toContain('No quotations found')
  })
  it('adds the unattributed ones under the speakers', () => {
    const text = show([lavrov], 3)
    expect(text).toContain('Sergei Lavrov')
    expect(text).toContain('And 3 quotations without a known speaker.')
  })
  it('says nothing more when every quotation has its speaker', () => {
    expect(show([lavrov], 0)).not.toContain('without a known speaker')
  })
})
