// Prints the heap ceiling V8 chose for this process, in MiB. Without --max-old-space-size,
// Node derives it from the memory it can see: the container's limit, or the host's.
import v8 from 'node:v8';

const heapLimitMiB = Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20);
console.log(JSON.stringify({ heapLimitMiB }));
