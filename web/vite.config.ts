// Builds the browser pages into web/dist, which Gatehouse serves (src/http/web.ts). Hashed file
// names under /assets/ let the server cache them for a year; index.html is never cached.
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The strict CSP allows scripts from 'self' only: no inline script, so no inlined module preload.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npx vite web` for work on the pages, with the API of a Gatehouse running on 8080.
    proxy: { '/api': 'http://localhost:8080' },
  },
})
