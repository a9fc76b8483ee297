// Preloaded into the peer gateway (`node --import`): its start script listens on every
// interface and has no option for the host, and the bench serves on loopback only. A listen
// call that names a port but no host gets 127.0.0.1.
import net from 'node:net';

const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] !== 'string')) {
    const rest = args.length > 1 && args[1] === undefined ? args.slice(2) : args.slice(1);
    return listen.call(this, args[0], '127.0.0.1', ...rest);
  }
  return listen.apply(this, args);
};
