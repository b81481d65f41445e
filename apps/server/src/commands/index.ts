import type { Command } from '../cli/command.js';

/**
 * Every `visieleren` command, in the order `--help` lists them.
 * Each lives in its own file in this folder.
 */
export const commands: Command[] = [];
