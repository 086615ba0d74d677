import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue's compiler leaves the `pulse-` tags to the browser: they are custom elements.
// `base: './'`: the build is served from any path (the e2e spec serves it from the collector).
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('pulse-') } } })],
});
