// Preloaded into the language server by test/protocol/noNetwork.test.ts
// (`node --require test/helpers/noNetwork.cjs dist/server.js --stdio`): every way a Node
// process opens a network connection, resolves a host name or starts another process is
// replaced by a function that appends a line to $MQG4AI_NET_LOG and throws. The stdio pipes
// of the LSP connection are created by Node from file descriptors, not through these calls.
'use strict';
const fs = require('node:fs');

const logFile = process.env.MQG4AI_NET_LOG;

function record(what, args) {
  let detail;
  try {
    detail = JSON.stringify(args, (_, v) => (typeof v === 'function' ? '[fn]' : v)).slice(0, 300);
  } catch {
    detail = '[unprintable]';
  }
  const line = `${what} ${detail}\n${new Error('attempt').stack.split('\n').slice(2, 8).join('\n')}\n`;
  if (logFile) fs.appendFileSync(logFile, line);
}

function deny(object, name, what) {
  if (!object || typeof object[name] !== 'function') return;
  object[name] = function denied(...args) {
    record(what, args);
    throw new Error(`network access denied in tests: ${what}`);
  };
}

const net = require('node:net');
deny(net.Socket.prototype, 'connect', 'net.Socket#connect');
deny(net, 'connect', 'net.connect');
deny(net, 'createConnection', 'net.createConnection');
deny(net, 'createServer', 'net.createServer');
deny(require('node:tls'), 'connect', 'tls.connect');
const dns = require('node:dns');
for (const name of [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCname',
  'resolveMx',
  'resolveTxt',
  'resolveSrv',
  'resolveNs',
  'reverse',
]) {
  deny(dns, name, `dns.${name}`);
  deny(dns.promises, name, `dns.promises.${name}`);
}
for (const module of ['http', 'https']) {
  const m = require(`node:${module}`);
  deny(m, 'request', `${module}.request`);
  deny(m, 'get', `${module}.get`);
}
deny(require('node:http2'), 'connect', 'http2.connect');
deny(require('node:dgram'), 'createSocket', 'dgram.createSocket');
const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) deny(childProcess, name, `child_process.${name}`);
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = function deniedFetch(...args) {
    record('fetch', args);
    return Promise.reject(new Error('network access denied in tests: fetch'));
  };
}
if (logFile) fs.appendFileSync(logFile, '');
