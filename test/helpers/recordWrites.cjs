// Preloaded into the language server by test/protocol/noWrites.test.ts: every file-system call
// that can create, change or remove a file is recorded (path and call) in $MQG4AI_WRITE_LOG,
// then performed as usual. The test checks that only the server's cache folder was written.
'use strict';
const fs = require('node:fs');

const log = process.env.MQG4AI_WRITE_LOG;
// The log is written through a descriptor opened now, with the unwrapped writeSync (appendFileSync
// itself calls fs.writeFileSync, which is wrapped below).
const logFd = log ? fs.openSync(log, 'a') : undefined;
const writeSync = fs.writeSync;
const WRITES = [
  'writeFile',
  'appendFile',
  'mkdir',
  'mkdtemp',
  'rename',
  'rm',
  'rmdir',
  'unlink',
  'copyFile',
  'cp',
  'symlink',
  'link',
  'chmod',
  'chown',
  'truncate',
  'utimes',
  'lchown',
  'lutimes',
];

function record(call, args) {
  // Calls with a source and a destination record both.
  const target = args.slice(0, /\.(rename|copyFile|cp|symlink|link)(Sync)?$/.test(call) ? 2 : 1).map(String);
  if (logFd !== undefined) writeSync(logFd, `${call} ${JSON.stringify(target)}\n`);
}

function wrap(object, name, call) {
  const fn = object[name];
  if (typeof fn !== 'function') return;
  object[name] = function recorded(...args) {
    record(call, args);
    return fn.apply(this, args);
  };
}

for (const base of WRITES) {
  wrap(fs, base, `fs.${base}`);
  wrap(fs, `${base}Sync`, `fs.${base}Sync`);
  wrap(fs.promises, base, `fs.promises.${base}`);
}
wrap(fs, 'createWriteStream', 'fs.createWriteStream');
/** Whether open flags can change a file: a string other than r/rs/sr, or numeric flags with write access, O_CREAT, O_TRUNC or O_APPEND. */
function writes(flags) {
  if (flags === undefined) return false;
  if (typeof flags !== 'number') return !/^r$|^rs$|^sr$/.test(String(flags));
  const { O_ACCMODE = 3, O_RDONLY, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  return (flags & O_ACCMODE) !== O_RDONLY || (flags & (O_CREAT | O_TRUNC | O_APPEND)) !== 0;
}

for (const [object, prefix] of [
  [fs, 'fs'],
  [fs.promises, 'fs.promises'],
]) {
  const open = object.open;
  const openSync = object.openSync;
  if (typeof open === 'function') {
    object.open = function recordedOpen(path, flags, ...rest) {
      if (writes(flags)) record(`${prefix}.open(${flags})`, [path]);
      return open.call(this, path, flags, ...rest);
    };
  }
  if (typeof openSync === 'function') {
    object.openSync = function recordedOpenSync(path, flags, ...rest) {
      if (writes(flags)) record(`${prefix}.openSync(${flags})`, [path]);
      return openSync.call(this, path, flags, ...rest);
    };
  }
}
