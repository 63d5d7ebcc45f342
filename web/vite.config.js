// Vite build of the dashboard. The output folder comes from the CMake target `web`
// (WIREWATCH_WEB_OUT = BUILD/web, served by `wirewatch serve`); relative asset paths so the
// files work under any mount point. No CDN: everything is bundled from node_modules.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: process.env.WIREWATCH_WEB_OUT || 'dist',
    emptyOutDir: true,
    // One script and one stylesheet: the server's Content-Security-Policy allows only 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
