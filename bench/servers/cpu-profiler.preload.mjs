// Loaded with `node --import` into a hub the bench profiles (`npm run bench -- --profile`). Each SIGUSR2 toggles V8's
// sampling profiler on the main thread: the first starts it and writes `<n>.started` once it runs, the next stops
// it and writes `<n>.cpuprofile` (renamed into place when complete), n counting from 1, in BENCH_PROFILE_DIR.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
const intervalUs = Number(process.env.BENCH_PROFILE_INTERVAL_US) || 500;

if (dir) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  const write = (file, text) => {
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  };
  let count = 0;
  let running = false;
  const toggle = async () => {
    if (!running) {
      running = true;
      count += 1;
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: intervalUs });
      await post('Profiler.start');
      write(path.join(dir, `${count}.started`), '');
      return;
    }
    running = false;
    const { profile } = await post('Profiler.stop');
    write(path.join(dir, `${count}.cpuprofile`), JSON.stringify(profile));
  };
  process.on('SIGUSR2', () => {
    toggle().catch((err) => process.stderr.write(`cpu profiler: ${err.message}\n`));
  });
}
