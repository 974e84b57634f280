// Asking the layout worker for a map's positions. One worker for the
// window's life; each answer carries its request number, so an answer to a
// map that has since been replaced is dropped.
import type { Point } from './map'

export interface LayoutRequest {
  request: number
  nodes: { id: string; size: number }[]
  edges: { id: string; source: string; target: string }[]
}

export type LayoutReply =
  | { request: number; positions: Record<string, Point>; error?: undefined }
  | { request: number; error: string; positions?: undefined }

let worker: Worker | null = null
let next = 0
const waiting = new Map<number, (reply: LayoutReply) => void>()

/** The finished layout of these nodes and edges, computed off the window's thread. */
export function layoutOffThread(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges']): Promise<LayoutReply> {
  if (!worker) {
    worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      waiting.get(event.data.request)?.(event.data)
      waiting.delete(event.data.request)
    }
    worker.onerror = (event) => {
      // A worker that cannot start (or died) answers every waiting request with its error.
      for (const [request, answer] of waiting) answer({ request, error: event.message || 'the layout worker failed' })
      waiting.clear()
      worker = null
    }
  }
  const request = ++next
  return new Promise((resolve) => {
    waiting.set(request, resolve)
    worker!.postMessage({ request, nodes, edges } satisfies LayoutRequest)
  })
}
