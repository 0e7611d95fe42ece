import type { APIRoute, GetStaticPaths } from 'astro';
import type { LabBundle } from '../../../labs/bundle.js';
import type { LoadedLab } from '../../../labs/load-lab.js';
import { siteLabs } from '../../../labs/site-labs.js';

/** The files a runtime mounts for this lab: what the WebContainer and the server runtime both run. */
export const getStaticPaths = (async () =>
  (await siteLabs()).map((lab) => ({ params: { slug: lab.manifest.slug }, props: { lab } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ lab: LoadedLab }> = ({ props: { lab } }) => {
  const bundle: LabBundle = { manifest: lab.manifest, starter: lab.starter, solution: lab.solution };
  return new Response(JSON.stringify(bundle), { headers: { 'Content-Type': 'application/json' } });
};
