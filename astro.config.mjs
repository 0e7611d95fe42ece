// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { BROWSER_ALIASES, hasNoSideEffects } from './scripts/browser-build.mjs';

/** Lab pages are generated from labs/<slug>/lab.json; list them in the sidebar in course order. */
function labSidebarItems() {
  return readdirSync('labs', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`labs/${entry.name}/lab.json`))
    .map((entry) => JSON.parse(readFileSync(`labs/${entry.name}/lab.json`, 'utf8')))
    .sort((a, b) => a.order - b.order)
    .map((lab) => ({ label: lab.title, link: `/labs/${lab.slug}/` }));
}

export default defineConfig({
  outDir: './dist/site',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Shipshape',
      description: 'Dockerizing Node.js Applications for Production: an interactive course with hands-on labs.',
      sidebar: [
        { label: 'Lessons', autogenerate: { directory: 'lessons' } },
        { label: 'Labs', items: [{ label: 'All labs', link: '/labs/' }, ...labSidebarItems()] },
        { label: 'Reference', items: [{ label: 'Rules', link: '/rules/' }] },
      ],
      components: {
        Search: './src/components/Search.astro',
        Footer: './src/components/progress/Footer.astro',
      },
      customCss: ['./src/styles/course.css'],
      // Asides and other Starlight Markdown features apply to lessons in the top-level content/.
      markdown: { processedDirs: ['./content'] },
    }),
    preact(),
  ],
  vite: {
    // terser packs the lab pages' editor, terminal and rules engine a few kB smaller than esbuild's minifier.
    build: {
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      rollupOptions: { treeshake: { moduleSideEffects: (id) => !hasNoSideEffects(id) } },
    },
    resolve: { alias: BROWSER_ALIASES },
  },
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
