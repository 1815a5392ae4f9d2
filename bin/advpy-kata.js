#!/usr/bin/env node
// Runs the built CLI; nothing is compiled at run time.
import '../dist/cli/main.js';
