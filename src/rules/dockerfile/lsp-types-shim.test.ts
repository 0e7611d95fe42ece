import * as real from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { Position, Range } from './lsp-types-shim.js';

describe('the browser shim of vscode-languageserver-types', () => {
  it('creates the same positions and ranges as the real package', () => {
    expect(Position.create(3, 7)).toEqual(real.Position.create(3, 7));
    expect(Range.create(1, 2, 3, 4)).toEqual(real.Range.create(1, 2, 3, 4));
    const start = Position.create(0, 0);
    const end = Position.create(5, 9);
    expect(Range.create(start, end)).toEqual(real.Range.create(start, end));
  });
});
