#!/usr/bin/env node
// Runs the built, bundled CLI (see scripts/bundle.mjs); nothing is compiled at run time.
import module from 'node:module';

// Node 22.1+ can cache compiled code between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
await import('../dist/cli-bundle/main.js');
