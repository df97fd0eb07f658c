import { runCli } from './cli/run-cli';

// `scim-hub` / `npm run hub -- ...`: token administration on the configured token store.
void runCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
