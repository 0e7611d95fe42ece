// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import react from '@astrojs/react';

export default defineConfig({
  outDir: './dist/site',
  trailingSlash: 'always',
  integrations: [
    starlight({
      title: 'Shipshape',
      description: 'Dockerizing Node.js Applications for Production: an interactive course with hands-on labs.',
      sidebar: [
        { label: 'Lessons', autogenerate: { directory: 'lessons' } },
      ],
      components: {
        Search: './src/components/Search.astro',
      },
      customCss: ['./src/styles/course.css'],
    }),
    react(),
  ],
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
