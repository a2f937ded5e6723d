#!/usr/bin/env node
// npm links a bin only when its file exists at install time, and dist/ appears later (the
// `prepare` build), so the linked bin is this committed file, which loads the build.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
