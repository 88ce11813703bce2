#!/usr/bin/env node
/**
 * The `framepool` command (the package's `bin`): `framepool profile <module> [options]` and
 * `framepool replay FILE [--game MODULE]`. Everything it does is in `runFramepool`; this file only
 * hands it the process's arguments and streams.
 */
import { runFramepool } from './framepool.ts';

process.exitCode = await runFramepool(process.argv.slice(2), process);
