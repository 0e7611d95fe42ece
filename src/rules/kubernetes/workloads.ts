import type { YamlNode as Node } from '../yaml/yaml-file.js';
import type { Span } from '../types.js';
import type { YamlDocument, YamlFile } from '../yaml/yaml-file.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Jobs run to completion; probes, preStop hooks and grace periods matter for servers. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

export interface Container {
  name: string;
  node: Node;
  /** The container's `name:` value, or the list item when it has none. */
  span: Span;
  /** Literal `env` values; entries filled from secrets or config maps are left out. */
  env: Map<string, string>;
  init: boolean;
}

export interface PodTemplate {
  document: YamlDocument;
  kind: string;
  name: string;
  /** Where findings about the workload as a whole point: its `kind:` value. */
  span: Span;
  spec: Node;
  longRunning: boolean;
  containers: Container[];
}

function readContainers(document: YamlDocument, spec: Node, key: 'containers' | 'initContainers'): Container[] {
  return document.items(document.at(spec, key)).map((node) => {
    const nameNode = document.at(node, 'name');
    const env = new Map<string, string>();
    for (const variable of document.items(document.at(node, 'env'))) {
      const name = document.text(document.at(variable, 'name'));
      const value = document.text(document.at(variable, 'value'));
      if (name !== undefined && value !== undefined) env.set(name, value);
    }
    return { name: document.text(nameNode) ?? '(unnamed)', node, span: document.span(nameNode ?? node), env, init: key === 'initContainers' };
  });
}

/** Every pod template in the manifests, one per workload, with its containers. */
export function podTemplates(file: YamlFile): PodTemplate[] {
  const templates: PodTemplate[] = [];
  for (const document of file.documents) {
    const kind = document.text(document.at(document.root, 'kind'));
    const path = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
    const spec = path && document.map(document.at(document.root, ...path));
    if (!kind || !spec) continue;
    templates.push({
      document,
      kind,
      name: document.text(document.at(document.root, 'metadata', 'name')) ?? kind,
      span: document.span(document.at(document.root, 'kind')),
      spec,
      longRunning: !RUN_TO_COMPLETION.has(kind),
      containers: [...readContainers(document, spec, 'initContainers'), ...readContainers(document, spec, 'containers')],
    });
  }
  return templates;
}

/** Seconds a preStop hook waits: the native `sleep` action, or a `sleep N` command. */
export function preStopSeconds(document: YamlDocument, container: Node): number {
  const preStop = document.at(container, 'lifecycle', 'preStop');
  const native = document.scalar(document.at(preStop, 'sleep', 'seconds'));
  if (typeof native === 'number') return native;
  const command = document.items(document.at(preStop, 'exec', 'command')).map((item) => document.text(item) ?? '');
  const sleep = /(?:^|[\s;&|/])sleep\s+(\d+(?:\.\d+)?)s?(?:$|[\s;&|])/.exec(command.join(' '));
  return sleep ? Number(sleep[1]) : 0;
}
