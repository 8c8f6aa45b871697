#!/usr/bin/env node
import { runLoadCli } from "./runLoadCli.ts";

const { code, stdout, stderr } = runLoadCli(process.argv.slice(2));
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
