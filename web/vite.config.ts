import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Run from web/ (npm run build --workspace web). Pages are React.lazy chunks, so Leaflet
// only loads with the territory page and never with the login screen.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080' },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
