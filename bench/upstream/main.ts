/**
 * Runs the bench's fake upstream in a process of its own, so that its CPU is not charged to
 * the harness: `tsx bench/upstream/main.ts --port N`. Prints `listening N` once ready.
 */
import { parseArgs } from 'node:util';
import { createFakeUpstream } from './fake-upstream.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'delay-ms': { type: 'string', default: '0' },
    'chunk-delay-ms': { type: 'string', default: '0' },
  },
});

const server = createFakeUpstream({
  delayMs: Number(values['delay-ms']),
  chunkDelayMs: Number(values['chunk-delay-ms']),
});
server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`listening ${port}`);
});
// Open keep-alive sockets would hold a graceful close; the counters die with the process.
process.once('SIGTERM', () => process.exit(0));
