import { defineConfig } from 'vite';

/** The admin SPA; the control plane serves `dist/` at `/`. noVNC needs ES2022 (top-level await). */
export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine marks its modules 'use client' for React Server Components; a client-only SPA has nothing to preserve.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/desktop': { target: 'ws://127.0.0.1:4000', ws: true } } },
});
