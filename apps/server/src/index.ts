export { runCli } from './cli/run.js';
