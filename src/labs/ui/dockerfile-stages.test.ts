import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStageModel, readStageModel, type StageModel } from './dockerfile-stages.js';

const labFile = (path: string) => readFileSync(new URL(`../../../labs/broken-dockerfile/${path}`, import.meta.url), 'utf8');

/** Each stage as one line: label, base, and its steps as "paths <- origin -> destination". */
function outline(model: StageModel): string[] {
  return model.stages.map((stage) => {
    const base = stage.base.kind === 'image' ? stage.base.image : `stage ${stage.base.stage}`;
    const steps = stage.steps.map((step) => {
      if (step.origin.kind === 'run') return `RUN ${step.origin.command}`;
      const origin = step.origin.kind === 'stage' ? `stage ${step.origin.stage}` : step.origin.kind === 'image' ? step.origin.image : 'context';
      return `${step.paths.join(' ')} <- ${origin} -> ${step.destination}`;
    });
    const marks = `${stage.isFinal ? ' final' : ''}${stage.feedsFinal ? ' feeds' : ''}`;
    return `${stage.label} (${base})${marks}: ${steps.join(' | ')}`;
  });
}

describe('readStageModel', () => {
  it("draws the lab solution's three stages and what reaches the final image", () => {
    const model = readStageModel(labFile('solution/Dockerfile'));
    expect(model.problem).toBeNull();
    expect(outline(model)).toEqual([
      'deps (node:22.23.3-slim) feeds: package.json package-lock.json <- context -> /app/ | RUN npm ci --omit=dev',
      'build (node:22.23.3-slim) feeds: package.json package-lock.json <- context -> /app/ | RUN npm ci | tsconfig.json <- context -> /app/ | src <- context -> /app/src | RUN npm run build',
      'production (node:22.23.3-slim) final feeds: /app/node_modules <- stage 0 -> /app/node_modules | /app/dist <- stage 1 -> /app/dist | package.json <- context -> /app/',
    ]);
    expect(model.stages.map((stage) => [stage.name, stage.line])).toEqual([
      ['deps', 3],
      ['build', 8],
      ['production', 16],
    ]);
    expect(model.final).toEqual({ stage: 2, baseImage: 'node:22.23.3-slim', steps: model.stages[2]?.steps });
    expect(describeStageModel(model)).toBe(
      '3 stages; the last, production, is the image that ships. ' +
        'Deps starts from node:22.23.3-slim, copies package.json, package-lock.json from the build context to /app/. ' +
        'Build starts from node:22.23.3-slim, copies package.json, package-lock.json from the build context to /app/; tsconfig.json from the build context to /app/; src from the build context to /app/src. ' +
        'The image that ships holds node:22.23.3-slim plus: /app/node_modules from stage deps to /app/node_modules; /app/dist from stage build to /app/dist; package.json from the build context to /app/.',
    );
  });

  it("shows the starter's single stage shipping the whole build context and what its RUN steps made", () => {
    const model = readStageModel(labFile('starter/Dockerfile'));
    expect(outline(model)).toEqual(['stage 1 (node:22) final feeds: . <- context -> /usr/src/app | RUN npm install | RUN npm run build']);
    expect(describeStageModel(model)).toBe(
      'One stage, starting from node:22: everything it does ends up in the image that ships. ' +
        'The image that ships holds node:22 plus: everything in the build context that .dockerignore lets through to /usr/src/app; what RUN npm install creates; what RUN npm run build creates.',
    );
  });

  it('follows FROM chains and COPY --from by name, by index and from other images', () => {
    const model = readStageModel(
      [
        'ARG NODE_VERSION=22.23.3',
        'FROM node:${NODE_VERSION}-slim AS base',
        'WORKDIR /srv',
        'FROM base AS build',
        'RUN npm ci && \\',
        '    npm run build',
        'FROM base AS docs',
        'RUN npm run docs',
        'FROM build',
        'COPY --from=0 /srv/package.json ./',
        'COPY --from=nginx:1.27.3 /etc/nginx/nginx.conf ../etc/',
        'COPY --from=Build /srv/dist dist/',
      ].join('\n'),
    );
    expect(outline(model)).toEqual([
      'base (node:22.23.3-slim) feeds: ',
      'build (stage 0) feeds: RUN npm ci && npm run build',
      'docs (stage 0): RUN npm run docs',
      'stage 4 (stage 1) final feeds: /srv/package.json <- stage 0 -> /srv/ | /etc/nginx/nginx.conf <- nginx:1.27.3 -> /etc/ | /srv/dist <- stage 1 -> /srv/dist/',
    ]);
    // The final image inherits base and build through FROM, so it holds their steps too.
    expect(model.final?.baseImage).toBe('node:22.23.3-slim');
    expect(model.final?.steps.map((step) => [step.stage, step.line])).toEqual([
      [1, 5],
      [3, 10],
      [3, 11],
      [3, 12],
    ]);
    const description = describeStageModel(model);
    expect(description).toContain('4 stages; the last, stage 4, is the image that ships.');
    expect(description).toContain('Docs starts from stage base. Nothing of it reaches the final image.');
    expect(description).toContain('/etc/nginx/nginx.conf from image nginx:1.27.3 to /etc/');
  });

  it('marks a stage the final image copies from, even through another stage', () => {
    const model = readStageModel(
      'FROM alpine:3.21.0 AS fonts\nRUN make fonts\nFROM alpine:3.21.0 AS assets\nCOPY --from=fonts /out /out\nFROM alpine:3.21.0\nCOPY --from=assets /out /srv\n',
    );
    expect(model.stages.map((stage) => stage.feedsFinal)).toEqual([true, true, true]);
  });

  it('shortens long commands to one line', () => {
    const model = readStageModel(`FROM node:22.23.3-slim\nRUN ${'echo build && '.repeat(10)}true\n`);
    const step = model.final?.steps[0];
    expect(step?.origin).toEqual({ kind: 'run', command: `${'echo build && '.repeat(5).slice(0, 59)}…` });
  });

  it('says why there is nothing to draw', () => {
    expect(readStageModel('')).toEqual({ stages: [], final: null, problem: 'There is no FROM line yet, so there is no stage to draw.' });
    expect(describeStageModel(readStageModel('# a comment\nRUN echo hi\n'))).toBe('There is no FROM line yet, so there is no stage to draw.');
    const unnamed = readStageModel('FROM\n');
    expect(describeStageModel(unnamed)).toBe(
      'One stage, starting from an image not named yet: everything it does ends up in the image that ships. The image that ships holds an image not named yet and nothing else.',
    );
  });

  it('never throws, whatever the text, and keeps its shape', () => {
    const next = seededRandom(7);
    const fragments = ['FROM ', 'node:22 ', 'AS a\n', 'COPY --from=', 'a ', '. .\n', 'RUN \\\n', '${X}', '\n', '# escape=`\n', '<<EOF\n', 'EOF\n', '["a" "b"]', '\0', '\uD800', '\r', '\\', '--from=0 ', 'WORKDIR ..\n'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(next() * 40);
      for (let i = 0; i < length; i++) {
        text += next() < 0.85 ? (fragments[Math.floor(next() * fragments.length)] ?? '') : String.fromCharCode(Math.floor(next() * 0x10000));
      }
      const model = readStageModel(text);
      expect(typeof describeStageModel(model)).toBe('string');
      expect(model.final === null).toBe(model.stages.length === 0);
      for (const stage of model.stages) {
        for (const step of stage.steps) if (step.origin.kind === 'stage') expect(model.stages[step.origin.stage]).toBeDefined();
      }
    }
  });
});

/** A small seeded generator, so every run sees the same inputs and a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}
