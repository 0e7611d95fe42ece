// Keeps every object it allocates, like a cache that never evicts. Run it with a small heap
// to see how V8 reports running out: node --max-old-space-size=32 leak.mjs
const cache = [];
for (;;) cache.push({ id: cache.length, payload: 'x'.repeat(1024) });
