#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft: broker and controller in one JVM) for tests, CI and local runs,
// built from Kafka's own jars on Maven Central (tools/kafka/pom.xml). No Docker, no download outside Maven.
//
//   node tools/kafka/kafka-broker.js start [--dir DIR] [--kafka-version V]   prints KAFKA_BROKERS=127.0.0.1:<port>
//   node tools/kafka/kafka-broker.js stop  [--dir DIR]                       stops the broker started in DIR
//   node tools/kafka/kafka-broker.js status [--dir DIR]                      exit 0 when it runs
//
// DIR (default .kafka/ in the repository) holds the log directory, server.properties, broker.log, broker.pid and
// broker.env (the KAFKA_BROKERS line). Exit codes: 0 started/stopped, 3 Java or Maven missing (callers skip),
// 1 the broker failed to start (callers fail).
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 120_000;
const EXIT_MISSING_TOOL = 3;

function parseArgs(argv) {
  const args = { command: argv[0], dir: path.join(root, '.kafka'), kafkaVersion: undefined };
  for (let i = 1; i < argv.length; i += 2) {
    if (argv[i] === '--dir') args.dir = path.resolve(argv[i + 1]);
    else if (argv[i] === '--kafka-version') args.kafkaVersion = argv[i + 1];
    else fail(`unknown option ${argv[i]}`, 2);
  }
  return args;
}

function fail(message, code = 1) {
  console.error(`kafka-broker: ${message}`);
  process.exit(code);
}

function requireTool(command, versionFlag) {
  const probe = spawnSync(command, [versionFlag], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) fail(`${command} is not available (${probe.error?.code ?? `exit ${probe.status}`})`, EXIT_MISSING_TOOL);
}

// Maven resolves the jars once into ~/.m2. Asking it again costs seconds of JVM start on every run, so the
// classpath is remembered beside the jars, keyed by the pom and version, and reused while every jar is there.
function cachedClasspathFile(kafkaVersion) {
  const key = crypto.createHash('sha256').update(fs.readFileSync(path.join(__dirname, 'pom.xml'))).update(kafkaVersion ?? '').digest('hex');
  return path.join(os.homedir(), '.m2', 'scim-hub-kafka', `${key.slice(0, 16)}.classpath`);
}

function resolveClasspath(dir, kafkaVersion) {
  const cached = cachedClasspathFile(kafkaVersion);
  if (fs.existsSync(cached)) {
    const classpath = fs.readFileSync(cached, 'utf8').trim();
    if (classpath.split(path.delimiter).every((jar) => fs.existsSync(jar))) return classpath;
  }
  const out = path.join(dir, 'classpath.txt');
  const args = ['-q', '-B', '-f', path.join(__dirname, 'pom.xml'), 'dependency:build-classpath', `-Dmdep.outputFile=${out}`];
  if (kafkaVersion) args.push(`-Dkafka.version=${kafkaVersion}`);
  const started = Date.now();
  const run = spawnSync('mvn', args, { encoding: 'utf8' });
  if (run.status !== 0) fail(`Maven could not resolve the Kafka jars:\n${run.stdout}${run.stderr}`);
  console.error(`kafka-broker: classpath resolved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const classpath = fs.readFileSync(out, 'utf8').trim();
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  fs.writeFileSync(cached, classpath);
  return classpath;
}

// Distinct free ports: every listener stays open until all are chosen, so the system cannot hand one out twice.
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function serverProperties(logDir, port, controllerPort) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=4',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'log.segment.bytes=16777216',
  ].join('\n') + '\n';
}

// Kafka's cluster id is a UUID printed as 22 characters of URL-safe base64 (what `kafka-storage random-uuid` prints).
// One id in 64 would start with '-', which the storage tool's argument parser reads as an option ("--cluster-id:
// expected one argument"); Kafka's own Uuid.randomUuid draws again in that case, and so does this.
function clusterId(randomBytes = crypto.randomBytes) {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function java(classpath, mainClass, args, options = {}) {
  const jvm = ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', '-cp', classpath, mainClass, ...args];
  return options.detached ? spawn('java', jvm, options) : spawnSync('java', jvm, { encoding: 'utf8', ...options });
}

function readPid(dir) {
  const file = path.join(dir, 'broker.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// Ready = the server logged that it started (KRaft metadata loaded, listeners open) and its port accepts TCP.
async function waitUntilReady(child, logFile, port) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return `the broker exited with ${child.exitCode}`;
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    if (/Kafka Server started|\[KafkaRaftServer nodeId=\d+\] Kafka Server started/.test(log) && (await canConnect(port))) return undefined;
    await new Promise((r) => setTimeout(r, 200));
  }
  return `the broker did not start within ${START_TIMEOUT_MS / 1000} s`;
}

function formatLogDir(classpath, dir, propertiesFile) {
  const format = java(classpath, 'kafka.tools.StorageTool', ['format', '-t', clusterId(), '-c', propertiesFile, '--ignore-formatted']);
  if (format.status !== 0) fail(`formatting the KRaft log directory failed:\n${format.stdout}${format.stderr}`);
}

async function start(args) {
  requireTool('java', '-version');
  requireTool('mvn', '-v');
  const running = readPid(args.dir);
  if (running && alive(running)) fail(`a broker already runs from ${args.dir} (pid ${running}); stop it first`);
  fs.rmSync(args.dir, { recursive: true, force: true });
  fs.mkdirSync(args.dir, { recursive: true });
  const began = Date.now();
  const classpath = resolveClasspath(args.dir, args.kafkaVersion);
  const [port, controllerPort] = await freePorts(2);
  const propertiesFile = path.join(args.dir, 'server.properties');
  fs.writeFileSync(propertiesFile, serverProperties(path.join(args.dir, 'logs'), port, controllerPort));
  formatLogDir(classpath, args.dir, propertiesFile);
  const logFile = path.join(args.dir, 'broker.log');
  const log = fs.openSync(logFile, 'w');
  const child = java(classpath, 'kafka.Kafka', [propertiesFile], { detached: true, stdio: ['ignore', log, log] });
  fs.writeFileSync(path.join(args.dir, 'broker.pid'), `${child.pid}\n`);
  const problem = await waitUntilReady(child, logFile, port);
  if (problem) {
    if (child.exitCode === null) child.kill('SIGKILL');
    fail(`${problem}; last lines of ${logFile}:\n${tail(logFile, 30)}`);
  }
  child.unref();
  const line = `KAFKA_BROKERS=127.0.0.1:${port}`;
  fs.writeFileSync(path.join(args.dir, 'broker.env'), `${line}\n`);
  console.error(`kafka-broker: started in ${((Date.now() - began) / 1000).toFixed(1)} s (pid ${child.pid}, log ${logFile})`);
  console.log(line);
}

function tail(file, lines) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}

// SIGTERM lets the broker close its logs cleanly (controlled shutdown); SIGKILL only if it hangs.
async function stop(args) {
  const pid = readPid(args.dir);
  if (!pid || !alive(pid)) {
    console.error('kafka-broker: no broker running');
    return;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(path.join(args.dir, 'broker.pid'), { force: true });
  console.error(`kafka-broker: stopped (pid ${pid})`);
}

function status(args) {
  const pid = readPid(args.dir);
  if (!pid || !alive(pid)) fail('no broker running', 1);
  process.stdout.write(fs.readFileSync(path.join(args.dir, 'broker.env'), 'utf8'));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'start') return start(args);
  if (args.command === 'stop') return stop(args);
  if (args.command === 'status') return status(args);
  fail('usage: kafka-broker.js start|stop|status [--dir DIR] [--kafka-version V]', 2);
}

module.exports = { clusterId };

if (require.main === module) main().catch((error) => fail(error.stack ?? String(error)));
