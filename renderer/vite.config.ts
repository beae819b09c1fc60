import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build: relative asset paths (`base: './'`) so the same bundle loads from the
 * Electron app protocol and from the headless host, and no external URL anywhere.
 * (No node: imports here: the layering lint covers every file under renderer/.)
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root: <repo>/dist/renderer.
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2023',
  },
});
