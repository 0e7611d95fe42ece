/**
 * The two constructors of `vscode-languageserver-types` that dockerfile-ast calls, for the
 * browser build only (aliased in astro.config.mjs): the full package would add about 5 kB of
 * gzip to every page that lints, for a pair of object literals. lsp-types-shim.test.ts holds it
 * to the real package's results.
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const Position = {
  create: (line: number, character: number): Position => ({ line, character }),
};

export const Range = {
  create(startOrLine: Position | number, endOrCharacter: Position | number, endLine?: number, endCharacter?: number): Range {
    if (typeof startOrLine === 'number' && typeof endOrCharacter === 'number') {
      return { start: Position.create(startOrLine, endOrCharacter), end: Position.create(endLine ?? 0, endCharacter ?? 0) };
    }
    return { start: startOrLine as Position, end: endOrCharacter as Position };
  },
};
