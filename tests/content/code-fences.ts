/** Code fences of an MDX lesson, with their meta options, read line by line (nested fences respected). */
export interface CodeFence {
  lang: string;
  meta: Record<string, string>;
  code: string;
  /** 1-based line of the opening fence in the lesson. */
  line: number;
}

const OPEN = /^\s*(`{3,}|~{3,})([^\s`]*)\s*(.*)$/;
const META = /([\w-]+)="([^"]*)"/g;

export function codeFences(source: string): CodeFence[] {
  const lines = source.split(/\r?\n/);
  const fences: CodeFence[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const [, marker = '', lang = '', rest = ''] = open;
    const close = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
    fences.push({
      lang: lang.toLowerCase(),
      meta: Object.fromEntries([...rest.matchAll(META)].map(([, key = '', value = '']) => [key, value])),
      code: body.join('\n') + '\n',
      line: i + 1,
    });
    i = j;
  }
  return fences;
}
