import { TextDocument as Real } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { TextDocument as Shim } from './text-document-shim.js';

const TEXTS = [
  '',
  'FROM node:22\n',
  'FROM node:22\r\nRUN a \\\r\n  b\r\n',
  'a\rb\r\rc',
  '\n\n\r\n\r',
  'CMD ["node", "x.js"]',
  'é😀\n\tx\r\n',
];

describe('the browser shim of vscode-languageserver-textdocument', () => {
  it.each(TEXTS)('agrees with the real package on %j', (text) => {
    const real = Real.create('file:///Dockerfile', 'dockerfile', 1, text);
    const shim = Shim.create('file:///Dockerfile', 'dockerfile', 1, text);
    expect(shim.lineCount).toBe(real.lineCount);
    expect(shim.getText()).toBe(real.getText());
    for (let offset = -2; offset <= text.length + 2; offset++) expect(shim.positionAt(offset)).toEqual(real.positionAt(offset));
    for (let line = -1; line <= real.lineCount + 1; line++) {
      for (let character = -1; character <= 12; character++) {
        expect(shim.offsetAt({ line, character })).toBe(real.offsetAt({ line, character }));
        const range = { start: { line: 0, character: 1 }, end: { line, character } };
        expect(shim.getText(range)).toBe(real.getText(range));
      }
    }
  });

});
