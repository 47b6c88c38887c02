import { readFileSync } from 'node:fs';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { VantResolver } from '@vant/auto-import-resolver';

const iconLite = fileURLToPath(new URL('./src/styles/vant-icon-lite.css', import.meta.url));

// Vant's icon stylesheet inlines a whole icon font (45 KB); the components
// used here need a handful of glyphs, drawn in src/styles/vant-icon-lite.css.
function vantIconLite(): Plugin {
  return {
    name: 'sanbao:vant-icon-lite',
    enforce: 'pre',
    load(id) {
      if (/[\\/]vant[\\/]es[\\/]icon[\\/]index\.css$/.test(id)) return readFileSync(iconLite, 'utf8');
      return null;
    },
  };
}

export default defineConfig({
  plugins: [
    vantIconLite(),
    // Vant and this app use the Composition API only.
    vue({ features: { optionsAPI: false } }),
    // Vant components are imported where templates use them (<van-button>…),
    // with their styles, so only those reach the bundle.
    Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts', dirs: [] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
  build: {
    // Cheap Android phones run old Chromium WebViews.
    target: ['es2020', 'chrome80', 'safari14'],
    cssTarget: ['chrome61', 'safari14'],
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    assetsInlineLimit: 2048,
    chunkSizeWarningLimit: 200,
    rolldownOptions: {
      output: {
        // Few, stable chunks: Vue changes less often than the app, so a new
        // release does not make phones download it again; Vant's basics
        // (field, button, cell, empty state) come with the login screen, its
        // heavier parts (lists, dropdowns, popups) with the screens using them.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/, priority: 3 },
            {
              name: 'vant-base',
              test: /node_modules[\\/](@vant[\\/]use|vant[\\/]es[\\/](utils|composables|style|locale|badge|icon|loading|button|cell|cell-group|field|empty))[\\/]/,
              priority: 2,
            },
            { name: 'vant', test: /node_modules[\\/](@vant|vant)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
