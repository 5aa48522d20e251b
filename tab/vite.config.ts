import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The tab is built into static files (tab/dist) that the bot's own server serves under /tab/.
export default defineConfig({
  base: '/tab/',
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The charts are a view of their own: the first view (Mijn taken) does not wait for them.
    chunkSizeWarningLimit: 1000,
  },
  // `npm run dev --workspace tab` talks to a bot started with `npm start` on this machine.
  server: { proxy: { '/api': 'http://127.0.0.1:3978' } },
});
