#!/usr/bin/env node
// Runs the built, bundled CLI (see scripts/bundle.mjs); nothing is compiled at run time.
//
// CommonJS on purpose (bin/package.json): Node starts a CommonJS entry 9 ms sooner than
// an ES module one, which matters to `run` when a resident runner answers it in ~60 ms.
'use strict';

// Node 22.1+ can cache compiled code between runs; on Node 20 this is simply absent.
require('node:module').enableCompileCache?.();

const args = process.argv.slice(2);
const runCli = () => import('../dist/cli-bundle/main.js');

if (args[0] === 'run') {
  // `run` is first offered to a resident runner (src/resident/), before the rest of the
  // CLI is loaded: a handed-off run needs none of it.
  const { handOff } = require('../dist/cli-bundle/client.cjs');
  handOff(args).then((code) => {
    if (code === undefined) return runCli();
    process.exitCode = code;
  });
} else {
  runCli();
}
