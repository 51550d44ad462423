// Preloaded with `node -r` by test-xapi: a server asked to listen on a port alone (as
// xapi-statements does) listens on 127.0.0.1 only, so the LRS of a test is reachable from this
// machine only.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};
