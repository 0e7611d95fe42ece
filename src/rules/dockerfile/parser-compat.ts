import { Util } from 'dockerfile-ast/lib/util.js';

// dockerfile-ast detects a UTF-8 byte-order mark by encoding the first character with Node's
// Buffer, which browsers do not have, so every parse failed there. A BOM decoded into a
// JavaScript string is the single character U+FEFF; comparing it directly is the same test
// without Buffer, in every runtime.
Util.isUTF8BOM = (char: string) => char === '\uFEFF';
