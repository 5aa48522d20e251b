import net from 'node:net';

// Loaded with `node --import` into the Agents Playground (see local.ts): the Playground has no
// option for its address and listens on every interface, which would let anyone on the network
// drive the local-mode bot through it. Every server in that process that does not name an
// address is bound to 127.0.0.1 instead.

type Listen = (...args: unknown[]) => net.Server;
const listen = net.Server.prototype.listen as Listen;

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: unknown[]) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first === undefined || typeof first === 'function') {
    args.unshift(0, '127.0.0.1');
  } else if (typeof first === 'object' && first !== null && !('path' in first) && !('host' in first)) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
} as typeof net.Server.prototype.listen;
