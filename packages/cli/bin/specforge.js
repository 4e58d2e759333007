#!/usr/bin/env node
// A CommonJS file (see bin/package.json), as the bundle it runs is: Node starts a CommonJS entry
// without its ES module loader, which would cost more than the rest of `specforge --version`.
'use strict';

const Module = require('node:module');

// Node 22.1+ keeps the compiled code of the CLI between runs (in NODE_COMPILE_CACHE, else its
// folder in the temp dir); on older Nodes the bundle keeps its own (src/output/code-cache.ts).
Module.enableCompileCache?.();

require('../dist/cli/specforge.cjs').run(process.argv);
