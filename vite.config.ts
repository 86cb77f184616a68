import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served by the sync server at `/` and by the Electron shell from a custom
// protocol, so asset URLs are relative (`base: './'`); index.html pins `<base href="/">` so
// deep links such as /athletes/{id} still resolve ./assets/ from the root.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'rxdb', test: /node_modules[\\/](rxdb|dexie|rxjs|z-schema|validator|lodash\.)/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|zustand)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
