import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves the built app at /app (CSP `script-src 'self'`: no inline scripts, so
// the module preload polyfill, which Vite inlines, is turned off).
const target = process.env.PARLEY_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, modulePreload: { polyfill: false }, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/socket.io': { target, ws: true, changeOrigin: false },
    },
  },
});
