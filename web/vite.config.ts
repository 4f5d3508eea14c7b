import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the app with hot reload and forwards API calls to a running Parley
// server (its URL is printed as "Parley listening on ..."), so the browser sees one origin.
const parleyUrl = process.env.PARLEY_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: parleyUrl, changeOrigin: false },
      '/hubs': { target: parleyUrl, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under /assets: the server caches them for a year.
    assetsDir: 'assets',
    sourcemap: false,
  },
});
