// A real XDND drag under Xvfb: a small GTK window offers files as
// text/uri-list, and xdotool drags from it onto the Quotemap window. The
// drop goes through WebKitGTK and wry's native handler, as a user's would.
import { spawn, execFileSync } from 'node:child_process'
import path from 'node:path'
import { ROOT } from './harness.mjs'

const SOURCE = path.join(ROOT, 'tests/e2e/drag_source.py')

/** Drags `files` from a GTK window at (x, y) to the point (toX, toY). */
export async function dragFilesOnto(files, { x = 1300, y = 100, toX = 600, toY = 300 } = {}) {
  const source = spawn('/usr/bin/python3', [SOURCE, String(x), String(y), ...files], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('drag source did not start')), 10000)
      source.stdout.on('data', (chunk) => {
        if (String(chunk).includes('ready')) {
          clearTimeout(timer)
          resolve()
        }
      })
      source.once('exit', (code) => reject(new Error(`drag source exited with ${code}`)))
    })
    const xdo = (...args) => execFileSync('xdotool', args.map(String))
    xdo('mousemove', x + 60, y + 40)
    xdo('mousedown', 1)
    // Move in steps: GTK starts a drag only after the pointer passes its threshold.
    const steps = 12
    for (let i = 1; i <= steps; i++) {
      const px = Math.round(x + 60 + ((toX - x - 60) * i) / steps)
      const py = Math.round(y + 40 + ((toY - y - 40) * i) / steps)
      xdo('mousemove', px, py)
      await new Promise((r) => setTimeout(r, 80))
    }
    await new Promise((r) => setTimeout(r, 300))
    xdo('mouseup', 1)
    await new Promise((r) => setTimeout(r, 300))
  } finally {
    source.kill()
  }
}
