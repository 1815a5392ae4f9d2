#!/usr/bin/env node
// Runs the built, bundled CLI (see scripts/bundle.mjs); nothing is compiled at run time.
import module from 'node:module';

// Node 22.1+ can cache compiled code between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
// `run` is first offered to a resident runner (src/resident/), before the rest of the
// CLI is loaded: a handed-off run needs none of it.
if (process.argv[2] === 'run') {
  const { handOff } = await import('../dist/cli-bundle/client.js');
  const code = await handOff(process.argv.slice(2));
  if (code !== undefined) {
    process.exitCode = code;
  } else {
    await import('../dist/cli-bundle/main.js');
  }
} else {
  await import('../dist/cli-bundle/main.js');
}
