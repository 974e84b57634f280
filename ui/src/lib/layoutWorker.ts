// The map's force-directed layout (fcose, default quality) off the window's
// thread: the map is drawn at once from fcose's quick spectral draft, and the
// finished positions arrive from here, so the window never waits on the
// layout. Headless Cytoscape with the sizes the map gives its nodes.
import cytoscape from 'cytoscape'
import fcose from 'cytoscape-fcose'
import type { LayoutReply, LayoutRequest } from './layout'

cytoscape.use(fcose)

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = event.data
  try {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
      elements: [
        ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, size: n.size } })),
        ...edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
      ],
    })
    cy.layout({
      name: 'fcose',
      animate: false,
      randomize: true,
      quality: 'default',
      // A large map's dense core needs more room than the small maps' settings give.
      nodeRepulsion: () => 30000,
      idealEdgeLength: () => 130,
      nodeSeparation: 90,
      fit: false,
    } as cytoscape.LayoutOptions).run()
    const positions: Record<string, { x: number; y: number }> = {}
    cy.nodes().forEach((n) => {
      positions[n.id()] = { ...n.position() }
    })
    cy.destroy()
    self.postMessage({ positions } satisfies LayoutReply)
  } catch (error) {
    self.postMessage({ error: String(error) } satisfies LayoutReply)
  }
}
