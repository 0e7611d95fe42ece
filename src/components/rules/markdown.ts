import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';

const processors = new Map<boolean, Promise<MarkdownProcessor>>();

/**
 * Renders markdown that lives outside the content collections (rule rationales, lab
 * instructions) to HTML at build time; `highlight` turns on shiki for code blocks.
 */
export async function renderMarkdown(markdown: string, options: { highlight?: boolean } = {}): Promise<string> {
  const highlight = options.highlight ?? false;
  let processor = processors.get(highlight);
  if (!processor) {
    processor = createMarkdownProcessor(highlight ? { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } } } : { syntaxHighlight: false });
    processors.set(highlight, processor);
  }
  return (await (await processor).render(markdown)).code;
}
