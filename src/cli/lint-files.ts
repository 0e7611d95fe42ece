import path from 'node:path';
import { lintCompose, lintDockerignore, lintKubernetes, lintProject, type Finding } from '../rules/index.js';
import { isComposeOverride, type ProjectDirectory, type SourceFile } from './discover.js';

export interface FileReport {
  file: SourceFile;
  findings: Finding[];
}

/**
 * The ignore file Docker uses for a Dockerfile: `<name>.dockerignore` beside it when present
 * (BuildKit's per-Dockerfile ignore file), otherwise `.dockerignore` in the context root.
 */
function ignoreFileFor(dockerfile: SourceFile, candidates: readonly SourceFile[]): SourceFile | undefined {
  const ignores = candidates.filter((file) => file.kind === 'dockerignore');
  const name = path.basename(dockerfile.absolute);
  return ignores.find((file) => path.basename(file.absolute) === `${name}.dockerignore`) ?? ignores.find((file) => path.basename(file.absolute) === '.dockerignore');
}

/** Lints every file the user asked about, each Dockerfile together with its .dockerignore and compose file. */
export function lintDirectories(projects: readonly ProjectDirectory[]): FileReport[] {
  const reports = new Map<SourceFile, Finding[]>();
  for (const project of projects) {
    const all = [...project.files, ...project.neighbours.filter((n) => !project.files.some((f) => f.absolute === n.absolute))];
    const reported = new Set(project.files);
    const dockerfiles = all.filter((file) => file.kind === 'dockerfile');
    // The main compose file, not an override, is the one the Dockerfile's cross-file rules read.
    const compose = all.find((file) => file.kind === 'compose' && !isComposeOverride(file));
    for (const file of project.files) reports.set(file, []);
    const record = (file: SourceFile | undefined, findings: Finding[]) => {
      const list = file && reported.has(file) ? reports.get(file) : undefined;
      if (!list) return;
      for (const finding of findings) {
        const duplicate = list.some((f) => f.ruleId === finding.ruleId && f.line === finding.line && f.column === finding.column && f.message === finding.message);
        if (!duplicate) list.push(finding);
      }
    };
    const lintWith = (dockerfile: SourceFile, ignore: SourceFile | undefined) => {
      const files: Parameters<typeof lintProject>[0] = { dockerfile: dockerfile.text };
      if (ignore) files.dockerignore = ignore.text;
      if (compose) files.compose = compose.text;
      for (const { document, ...finding } of lintProject(files)) {
        if (document === 'dockerfile') record(dockerfile, [finding]);
        if (document === 'dockerignore') record(ignore, [finding]);
      }
    };
    for (const dockerfile of dockerfiles.filter((file) => reported.has(file))) lintWith(dockerfile, ignoreFileFor(dockerfile, all));
    for (const file of project.files) {
      if (file.kind === 'compose') record(file, lintCompose(file.text, { override: isComposeOverride(file) }));
      if (file.kind === 'kubernetes') record(file, lintKubernetes(file.text));
      if (file.kind !== 'dockerignore') continue;
      const users = dockerfiles.filter((dockerfile) => ignoreFileFor(dockerfile, all) === file);
      if (users.some((user) => reported.has(user))) continue;
      const user = users[0];
      if (user) lintWith(user, file);
      else record(file, lintDockerignore(file.text));
    }
  }
  return [...reports].map(([file, findings]) => ({
    file,
    findings: findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)),
  }));
}
