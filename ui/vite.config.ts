import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import { frozenPrototype } from './build/frozenPrototype.mjs'

// Tauri's Vite recipe: fixed port, no screen clearing, Rust sources unwatched.
export default defineConfig({
  // The window runs with Object.prototype frozen (tauri.conf.json): see build/frozenPrototype.mjs.
  plugins: [svelte(), frozenPrototype()],
  clearScreen: false,
  server: { port: 5173, strictPort: true, watch: { ignored: ['**/src-tauri/**', '**/target/**'] } },
  // Only VITE_ variables reach the bundle: never TAURI_SIGNING_* secrets.
  envPrefix: ['VITE_'],
  build: { target: 'safari13', outDir: 'dist', emptyOutDir: true },
})
