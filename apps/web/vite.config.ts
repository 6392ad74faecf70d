// Build and dev server of the SPA: the BFF serves dist/ in production; in dev, /api is proxied to it.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const bffPort = process.env['BFF_PORT'] ?? '8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: `http://127.0.0.1:${bffPort}`,
        changeOrigin: false,
        // SSE: no timeout on the long-lived stream, and no buffering of its chunks.
        timeout: 0,
        proxyTimeout: 0,
        configure: (proxy) => {
          proxy.on('proxyRes', (res) => {
            if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
              res.headers['cache-control'] = 'no-cache, no-transform';
              res.headers['x-accel-buffering'] = 'no';
            }
          });
        },
      },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      output: {
        // Name route chunks after their feature (wall-xxxx.js), so sizes read per route.
        chunkFileNames: (chunk) => {
          const m = /features[\\/]([\w-]+)[\\/]page\.tsx$/.exec(chunk.facadeModuleId ?? '');
          return `assets/${m?.[1] ?? '[name]'}-[hash].js`;
        },
        // Stable vendor chunks: every page loads react, router, query and i18n; recharts only with a chart.
        manualChunks(id: string) {
          // src/shared in one chunk: split by use it made six files of 1–3 KB on the wall, each
          // paying ~450 bytes of headers (issue 12 §7); it holds no chart code.
          if (/[\\/]src[\\/]shared[\\/]/.test(id)) return 'shared';
          // The contract's plain constants (board ids, panels): a few bytes, not a request of their own.
          if (/[\\/]packages[\\/]contract[\\/]src[\\/]boards\.ts$/.test(id)) return 'shared';
          if (!id.includes('node_modules')) return undefined;
          // What every page loads, in one file: four chunks cost four sets of headers and compress
          // worse apart (issue 12 §7: the wall's first visit under 160 KB on the wire).
          if (
            /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id) ||
            id.includes('react-router') ||
            id.includes('@tanstack') ||
            id.includes('i18next')
          )
            return 'vendor';
          if (id.includes('libphonenumber-js')) return 'phone';
          return undefined;
        },
      },
    },
  },
});
