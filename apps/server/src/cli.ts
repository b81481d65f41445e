import { runCli } from './cli/run.js';

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
// `serve` keeps the process alive itself; every other command ends here.
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
