import { describe, expect, it } from 'vitest'
import { codePointsBefore, pointToOffset, selectionToSpan } from '../../src/lib/selection'

// Two segments as the reader draws them: the backend's code-point starts on each.
// "Zoë said: “😀 ok”" — ë is one code point (one UTF-16 unit), 😀 one code point
// (two units), the curly marks one each.
function reader(): HTMLElement {
  const root = document.createElement('p')
  root.innerHTML = ''
  const first = document.createElement('span')
  first.dataset.start = '100'
  first.textContent = 'Zoë said: '
  const mark = document.createElement('mark')
  const second = document.createElement('span')
  second.dataset.start = '110'
  second.textContent = '“😀 ok”'
  mark.append(second)
  root.append(first, mark)
  document.body.replaceChildren(root)
  return root
}

describe('selection to span', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(codePointsBefore('😀 ok', 2)).toBe(1)
    expect(codePointsBefore('😀 ok', 3)).toBe(2)
    expect(codePointsBefore('Zoë', 3)).toBe(3)
    expect(codePointsBefore('a😀', Infinity)).toBe(2)
  })

  it('maps a text position through its segment start', () => {
    const root = reader()
    const second = root.querySelector('mark span')!.firstChild!
    // After “ and 😀 (three UTF-16 units): two code points into the segment.
    expect(pointToOffset(second, 3)).toBe(112)
    const first = root.querySelector('span')!.firstChild!
    expect(pointToOffset(first, 3)).toBe(103)
  })

  it('maps a selection across segments, either direction', () => {
    const root = reader()
    const first = root.querySelector('span')!.firstChild!
    const second = root.querySelector('mark span')!.firstChild!
    const selection = window.getSelection()!
    selection.removeAllRanges()
    const range = document.createRange()
    range.setStart(first, 0)
    range.setEnd(second, 5) // “😀 o
    selection.addRange(range)
    expect(selectionToSpan(selection)).toEqual([100, 114])
    selection.removeAllRanges()
    selection.setBaseAndExtent(second, 5, first, 4)
    expect(selectionToSpan(selection)).toEqual([104, 114])
  })

  it('gives nothing for an empty selection or one outside the text', () => {
    reader()
    const selection = window.getSelection()!
    selection.removeAllRanges()
    expect(selectionToSpan(selection)).toBeNull()
    const outside = document.createElement('div')
    outside.textContent = 'not the article'
    document.body.append(outside)
    selection.setBaseAndExtent(outside.firstChild!, 0, outside.firstChild!, 3)
    expect(selectionToSpan(selection)).toBeNull()
  })

  it('maps element boundaries to the segment next to them', () => {
    const root = reader()
    // Before the mark: the end of the first segment is the start of the second.
    expect(pointToOffset(root, 1)).toBe(110)
    expect(pointToOffset(root, 2)).toBe(116)
  })
})
