import { defineConfig } from 'vite';

// One self-contained IIFE (socket.io-client included) that host pages load with a <script> tag.
// Vite requires a `name` for IIFE, but the entry exports nothing, so no such global is created:
// the only global the bundle defines is `window.Parley`.
export default defineConfig({
  resolve: { conditions: ['source'] },
  build: {
    target: 'es2019',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'ParleyWidgetBundle',
      fileName: () => 'widget.js',
    },
  },
});
