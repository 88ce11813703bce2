#!/usr/bin/env node
/**
 * The `framepool` command (the package's `bin`): `framepool profile <module> [options]`. Everything it
 * does is in `runProfileCommand`; this file only hands it the process's arguments and streams.
 */
import { runProfileCommand } from './command.ts';

process.exitCode = await runProfileCommand(process.argv.slice(2), process);
