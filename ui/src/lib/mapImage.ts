// The map as an SVG document, exactly as drawn: the elements shown (the
// filters' hidden ones left out), where the layout put them, with the
// colours, shapes, widths and labels Cytoscape gives them. Built with DOM
// calls, so names are text, never markup. (The one SVG plug-in for
// Cytoscape is GPL-licensed, see docs/adr/0009-export.md.)
import type cytoscape from 'cytoscape'

const SVG = 'http://www.w3.org/2000/svg'

/** Points of a node's outline, centred on 0,0, for a Cytoscape shape. */
function outline(shape: string, w: number, h: number): string | null {
  const pts = (list: [number, number][]) => list.map(([x, y]) => `${(x * w) / 2},${(y * h) / 2}`).join(' ')
  switch (shape) {
    case 'hexagon':
      return pts([[-1, 0], [-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1]])
    case 'diamond':
      return pts([[0, -1], [1, 0], [0, 1], [-1, 0]])
    case 'triangle':
      return pts([[0, -1], [1, 1], [-1, 1]])
    default:
      return null
  }
}

function el(doc: Document, name: string, attributes: Record<string, string | number>): Element {
  const element = doc.createElementNS(SVG, name)
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value))
  return element
}

/** The drawn map as a standalone SVG document (a string), with a margin and a background. */
export function mapSvg(cy: cytoscape.Core, background: string): string {
  const doc = document.implementation.createDocument(SVG, 'svg', null)
  const svg = doc.documentElement
  const shown = cy.elements(':visible')
  const box = shown.boundingBox({ includeLabels: true })
  const margin = 20
  const width = Math.max(1, Math.ceil(box.w + 2 * margin))
  const height = Math.max(1, Math.ceil(box.h + 2 * margin))
  svg.setAttribute('xmlns', SVG)
  svg.setAttribute('width', String(width))
  svg.setAttribute('height', String(height))
  svg.setAttribute('viewBox', `${box.x1 - margin} ${box.y1 - margin} ${width} ${height}`)
  svg.appendChild(el(doc, 'rect', { x: box.x1 - margin, y: box.y1 - margin, width, height, fill: background }))
  const defs = el(doc, 'defs', {})
  svg.appendChild(defs)
  const edges = el(doc, 'g', { class: 'edges' })
  const nodes = el(doc, 'g', { class: 'nodes' })
  svg.appendChild(edges)
  svg.appendChild(nodes)
  let markers = 0
  shown.edges().forEach((edge) => {
    const from = edge.sourceEndpoint()
    const to = edge.targetEndpoint()
    const color = edge.style('line-color')
    const line = el(doc, 'line', {
      x1: from.x,
      y1: from.y,
      x2: to.x,
      y2: to.y,
      stroke: color,
      'stroke-width': parseFloat(edge.style('width')) || 1,
      'stroke-opacity': edge.style('opacity'),
    })
    const style = edge.style('line-style')
    if (style === 'dashed') line.setAttribute('stroke-dasharray', '6 4')
    if (style === 'dotted') line.setAttribute('stroke-dasharray', '1.5 3')
    if (edge.style('target-arrow-shape') !== 'none') {
      const id = `arrow${markers++}`
      const marker = el(doc, 'marker', {
        id,
        viewBox: '0 0 10 10',
        refX: 10,
        refY: 5,
        markerWidth: 6,
        markerHeight: 6,
        orient: 'auto-start-reverse',
      })
      marker.appendChild(el(doc, 'path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: color }))
      defs.appendChild(marker)
      line.setAttribute('marker-end', `url(#${id})`)
    }
    const title = el(doc, 'title', {})
    title.textContent = `${edge.source().data('label')} — ${edge.data('label') ?? edge.data('kind')} — ${edge.target().data('label')}`
    line.appendChild(title)
    edges.appendChild(line)
  })
  shown.nodes().forEach((node) => {
    const { x, y } = node.position()
    const w = node.width()
    const h = node.height()
    const fill = node.style('background-color')
    const group = el(doc, 'g', { transform: `translate(${x},${y})` })
    const points = outline(node.style('shape'), w, h)
    const border = parseFloat(node.style('border-width')) || 0
    const shape = points
      ? el(doc, 'polygon', { points, fill })
      : node.style('shape') === 'ellipse'
        ? el(doc, 'ellipse', { rx: w / 2, ry: h / 2, fill })
        : el(doc, 'rect', { x: -w / 2, y: -h / 2, width: w, height: h, rx: Math.min(w, h) / 6, fill })
    if (border > 0) {
      shape.setAttribute('stroke', node.style('border-color'))
      shape.setAttribute('stroke-width', String(border))
    }
    group.appendChild(shape)
    // The label as drawn: the map shows only the labels that fit.
    const label = String(node.style('label') ?? '')
    if (label) {
      const text = el(doc, 'text', {
        y: h / 2 + (parseFloat(node.style('text-margin-y')) || 3) + (parseFloat(node.style('font-size')) || 11),
        'text-anchor': 'middle',
        'font-family': 'system-ui, sans-serif',
        'font-size': parseFloat(node.style('font-size')) || 11,
        fill: node.style('color'),
        stroke: node.style('text-outline-color'),
        'stroke-width': parseFloat(node.style('text-outline-width')) || 0,
        'paint-order': 'stroke',
      })
      text.textContent = label
      group.appendChild(text)
    }
    nodes.appendChild(group)
  })
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc)
}
