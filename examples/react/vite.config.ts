import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'`: the build is served from any path (the e2e spec serves it from the collector).
export default defineConfig({ base: './', plugins: [react()] });
