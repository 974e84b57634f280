// From what the user selected in the reader to a span of the article's text.
//
// Units: the backend gives every segment its start in Unicode code points
// (SegmentView.start) and takes spans in code points; the DOM counts offsets
// in UTF-16 code units. This module is the one place that converts, and only
// inside one segment's text: the segment's own start comes from the backend.

/** Code points in the first `utf16Offset` UTF-16 units of `text`. */
export function codePointsBefore(text: string, utf16Offset: number): number {
  let count = 0
  let i = 0
  while (i < utf16Offset && i < text.length) {
    const unit = text.charCodeAt(i)
    // A high surrogate followed by a low one is one code point of two units.
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
    const next = text.charCodeAt(i + 1)
    i += pair && next >= 0xdc00 && next <= 0xdfff ? 2 : 1
    count += 1
  }
  return count
}

/** The element of a segment (`data-start`) holding a DOM position, if any. */
function segmentOf(node: Node | null): HTMLElement | null {
  let current: Node | null = node
  while (current) {
    if (current instanceof HTMLElement && current.dataset.start !== undefined) return current
    current = current.parentNode
  }
  return null
}

/** A DOM position (node, offset) as a code point offset into the article's text. */
export function pointToOffset(node: Node, offset: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const segment = segmentOf(node)
    if (!segment) return null
    return Number(segment.dataset.start) + codePointsBefore((node as Text).data, offset)
  }
  // An element position: the boundary before its `offset`-th child.
  const children = node.childNodes
  if (offset < children.length) {
    const first = firstSegment(children[offset])
    if (first) return Number(first.dataset.start)
  }
  const before = offset > 0 ? lastSegment(children[offset - 1]) : null
  if (before) return Number(before.dataset.start) + codePointsBefore(before.textContent ?? '', Infinity)
  const own = segmentOf(node)
  return own ? Number(own.dataset.start) : null
}

function firstSegment(node: Node): HTMLElement | null {
  if (node instanceof HTMLElement && node.dataset.start !== undefined) return node
  if (node instanceof HTMLElement) return node.querySelector<HTMLElement>('[data-start]')
  return segmentOf(node)
}

function lastSegment(node: Node): HTMLElement | null {
  if (node instanceof HTMLElement && node.dataset.start !== undefined) return node
  if (node instanceof HTMLElement) {
    const all = node.querySelectorAll<HTMLElement>('[data-start]')
    return all.length > 0 ? all[all.length - 1] : null
  }
  return segmentOf(node)
}

/** The selected span [start, end) in code points, or null when nothing of the text is selected. */
export function selectionToSpan(selection: Selection | null): [number, number] | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  const start = pointToOffset(range.startContainer, range.startOffset)
  const end = pointToOffset(range.endContainer, range.endOffset)
  if (start === null || end === null || start === end) return null
  return start < end ? [start, end] : [end, start]
}
