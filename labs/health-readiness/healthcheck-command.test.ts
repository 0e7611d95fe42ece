// The lab promises to run its Dockerfile's own HEALTHCHECK against the app: this keeps the
// scenario's exec probe and the Dockerfile in step, read by the rules engine's parser.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLab } from '../../src/labs/load-lab.js';
import { commandForm, finalStage, parseDockerfile } from '../../src/rules/dockerfile/document.js';

describe('the health-readiness lab', () => {
  it("runs exactly the HEALTHCHECK command of the lab's Dockerfile", async () => {
    const lab = await loadLab(path.resolve('labs/health-readiness'));
    const dockerfile = parseDockerfile(lab.starter.Dockerfile ?? '');
    const healthcheck = finalStage(dockerfile)?.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK');
    const probe = commandForm(healthcheck?.args.text.replace(/^CMD\s+/, '') ?? '');

    expect(probe).toEqual({ form: 'exec', argv: ['node', 'healthcheck.mjs'] });
    expect(lab.manifest.scenario?.execProbes.map((execProbe) => execProbe.command)).toEqual([
      probe.form === 'exec' ? probe.argv : [],
    ]);
  });
});
