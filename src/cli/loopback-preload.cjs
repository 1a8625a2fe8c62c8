'use strict';
// Loopback-only preload for the Microsoft 365 Agents Playground (and any other local dev server).
//
// Why: the Playground (`agentsplayground start`) calls `server.listen(port, cb)` without a host, so
// Node binds it to every interface (0.0.0.0 / ::). It has no --host option. Its /_connector and
// /_internal endpoints are unauthenticated and can inject activities into the bot, so it must never
// be reachable from another machine.
//
// Use: node --require ./src/cli/loopback-preload.cjs node_modules/@microsoft/m365agentsplayground/cli.js start ...
//
// Every TCP `net.Server.prototype.listen` call (http, https, ws all go through it) is rewritten to
// bind 127.0.0.1, whatever host was asked for. Unix-socket / named-pipe paths and handle objects
// pass through unchanged.
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const originalListen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function loopbackListen(...args) {
  const first = args[0];
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen({ port, host, backlog, ... }, cb?) — a { path } or { handle/_handle/fd } object passes through.
    if (first.path === undefined && first.handle === undefined && first._handle === undefined && first.fd === undefined) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (isPort(first) || first === undefined || first === null || typeof first === 'function') {
    // listen(), listen(cb), listen(port), listen(port, cb), listen(port, backlog, cb),
    // listen(port, host, ...)
    const port = isPort(first) ? Number(first) : 0;
    const rest = typeof first === 'function' ? args : args.slice(1);
    if (typeof rest[0] === 'string' || rest[0] === null || (rest[0] === undefined && rest.length > 0)) {
      rest.shift(); // drop the caller's host (or an explicit undefined/null host)
    }
    args = [port, LOOPBACK, ...rest];
  }
  // Anything else (a unix socket path string such as "/tmp/x.sock", a pipe name) passes through.
  // With an IPC channel (npm start's Playground), tell the parent the address actually bound, so it
  // prints the truth rather than the port it asked for.
  if (typeof process.send === 'function') {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object' && process.connected)
        process.send({ type: 'haven:listening', address: address.address, port: address.port }, () => {});
    });
  }
  return originalListen.apply(this, args);
};
