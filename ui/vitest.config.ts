import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  plugins: [svelte()],
  // Svelte 5's mount() needs the browser build in jsdom.
  resolve: { conditions: ['browser'] },
  test: { environment: 'jsdom', include: ['tests/unit/**/*.test.ts'] },
})
