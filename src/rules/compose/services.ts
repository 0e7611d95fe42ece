import type { YamlNode as Node, YamlPair as Pair } from '../yaml/yaml-file.js';
import type { Span } from '../types.js';
import type { YamlDocument, YamlFile } from '../yaml/yaml-file.js';

export interface ComposeService {
  name: string;
  /** The `name:` key under `services`, where findings about the service as a whole point. */
  pair: Pair;
  node: Node | null;
  document: YamlDocument;
}

export function composeServices(file: YamlFile): ComposeService[] {
  return file.documents.flatMap((document) =>
    document.entries(document.at(document.root, 'services')).map(({ key, pair, value }) => ({ name: key, pair, node: value, document })),
  );
}

/** Whether the service runs an init process as PID 1 (`init: true`). */
export function usesInit(service: ComposeService): boolean {
  return service.document.scalar(service.document.at(service.node, 'init')) === true;
}

/** The service's `environment:` in either form (map, or list of NAME=value), with where each entry is. */
export function environmentEntries(service: ComposeService): Array<{ name: string; value: string | undefined; span: Span }> {
  const { document } = service;
  const environment = document.at(service.node, 'environment');
  if (document.seq(environment)) {
    return document.items(environment).map((item) => {
      const text = document.text(item) ?? '';
      const equals = text.indexOf('=');
      return { name: equals < 0 ? text : text.slice(0, equals), value: equals < 0 ? undefined : text.slice(equals + 1), span: document.span(item) };
    });
  }
  return document.entries(environment).map(({ key, pair, value }) => ({
    name: key,
    value: document.text(value),
    span: document.spanBetween(pair.key, pair.value),
  }));
}
