/** Where the course site publishes a rule's page: `/rules/df008/`. */
export function docsUrl(ruleId: string): string {
  return `/rules/${ruleId.toLowerCase()}/`;
}

/**
 * The documentation page of an anchor such as `hadolint DL3002` or `BuildKit JSONArgsRecommended`,
 * for the tools whose pages follow a predictable address; undefined for the others.
 */
export function anchorUrl(anchor: string): string | undefined {
  const [tool, id = ''] = anchor.split(' ', 2);
  if (tool === 'hadolint') return `https://github.com/hadolint/hadolint/wiki/${id}`;
  if (tool === 'BuildKit') return `https://docs.docker.com/reference/build-checks/${id.replace(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, '-').toLowerCase()}/`;
  return undefined;
}
