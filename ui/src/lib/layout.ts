// Asking a layout worker for a map's positions. A worker is started for each
// layout and ended with its answer: its own JavaScript heap (Cytoscape and the
// layout's arrays) is given back at once rather than held for the window's life.
import type { Point } from './map'

export interface LayoutRequest {
  nodes: { id: string; size: number }[]
  edges: { id: string; source: string; target: string }[]
}

export type LayoutReply = { positions: Record<string, Point>; error?: undefined } | { error: string; positions?: undefined }

/** The finished layout of these nodes and edges, computed off the window's thread. */
export function layoutOffThread(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges']): Promise<LayoutReply> {
  return new Promise((resolve) => {
    let worker: Worker
    try {
      worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' })
    } catch (error) {
      resolve({ error: `the layout worker did not start: ${error}` })
      return
    }
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      worker.terminate()
      resolve(event.data)
    }
    worker.onerror = (event) => {
      worker.terminate()
      resolve({ error: event.message || 'the layout worker failed' })
    }
    worker.postMessage({ nodes, edges } satisfies LayoutRequest)
  })
}
