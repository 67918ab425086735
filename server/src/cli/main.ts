import { ignoreBrokenPipe } from '../base/brokenPipe';
import { runCli } from './cli';

// `mqg4ai check | head`: a closed pipe ends the output, not the process with a stack trace.
ignoreBrokenPipe(process.stdout);
ignoreBrokenPipe(process.stderr);

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mqg4ai: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
