// ── Outbound composition ── The target registry (targets as events in the hub's own event store, credentials
// sealed with HUB_SECRETS_KEY or the generated key file), HUB_TARGETS_FILE applied as desired state, per-target
// metrics, the /admin/targets module, and the outbound engine of @scim-hub/outbound adapted to the admin API.
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { OutboundEngine, type DeliveryStateStore, type OutboundHooks } from '@scim-hub/outbound';
import { AdminTargetsModule } from '@scim-hub/admin';
import type { HubConfig, HubLogger } from '@scim-hub/platform';
import {
  applyTargets,
  NO_OUTBOUND_ENGINE,
  type OutboundControl,
  readTargetsFile,
  secretCipherFor,
  SecretsKeyMissing,
  TargetRegistry,
} from '@scim-hub/targets';
import { openMessageBus } from './bus.composition';
import { outboundControlOf } from './outbound-control.adapter';
import { type OutboundMetricsSink, registerOutboundMetrics } from './outbound.metrics';
import type { CompositionServices, ScimComposition } from './scim.composition';

/** Opens the registry, applies HUB_TARGETS_FILE, starts the engine and returns the admin module. */
export async function composeOutbound(config: HubConfig, services: CompositionServices, scim: ScimComposition): Promise<DynamicModule> {
  const { logger, metrics, shutdown } = services;
  const cipher = secretCipherFor({ secretsKey: config.secretsKey, embedded: config.store === 'sqlite', dataDir: config.dataDir });
  const registry = await TargetRegistry.open(scim.eventStore, cipher, {
    onError: (err, target) => logger.error({ err, target }, 'target registry: cannot use a target'),
  });
  shutdown.register('target registry', () => registry.close());
  if (!cipher && registry.views().length > 0) throw new SecretsKeyMissing();
  if (config.targetsFile) await applyTargetsFile(config.targetsFile, registry, logger);
  let control: OutboundControl = NO_OUTBOUND_ENGINE;
  const sink = registerOutboundMetrics(metrics, registry, () => control);
  control = await startOutboundEngine({ config, services, scim, registry, metrics: sink });
  return AdminTargetsModule.forRoot({ registry, control });
}

/** What the engine needs from the hub. */
export interface OutboundEngineContext {
  readonly config: HubConfig;
  readonly services: CompositionServices;
  /** Its opened event store is the log the engine follows; initial sync and reconcile fold it too. */
  readonly scim: ScimComposition;
  /** TargetSource: `list()` gives definitions with secrets opened; `subscribe()` fires on every change. */
  readonly registry: TargetRegistry;
  readonly metrics: OutboundMetricsSink;
}

/**
 * Starts the dispatcher of @scim-hub/outbound over the OPENED event store (personal data readable; an erased
 * user was deleted first, so it is deprovisioned and its `erased` marker never reaches a target), with its
 * delivery state beside the hub's store: PostgreSQL schema scim_hub_outbound when DATABASE_URL is set,
 * otherwise outbound.db under HUB_DATA_DIR.
 */
async function startOutboundEngine(context: OutboundEngineContext): Promise<OutboundControl> {
  const { config, services, scim, registry, metrics } = context;
  const deliveryState = await openDeliveryState(config);
  services.shutdown.register('outbound delivery state', () => deliveryState.close());
  // HUB_BUS=kafka: each target's loop learns of changes from the topic (consumer group outbound-<target id>).
  const changeFeed = config.bus === 'kafka' ? await busChangeFeedFor(config, scim, services) : undefined;
  // Replicas sharing PostgreSQL: one delivers to each target (lease outbound:<id>), the others stand by.
  const leases = config.databaseUrl ? await outboundLeases(config.databaseUrl) : undefined;
  if (leases) services.shutdown.register('outbound leases', () => leases.close());
  const engine = new OutboundEngine({
    eventStore: scim.eventStore,
    deliveryState,
    targets: registry,
    hooks: outboundHooks(services.logger, metrics),
    ...(changeFeed ? { changeFeed } : {}),
    ...(leases ? { leases } : {}),
  });
  await engine.start();
  services.shutdown.register('outbound engine', () => engine.stop());
  forgetRemovedTargets(registry, engine, services.logger);
  return outboundControlOf(engine);
}

// Each adapter is imported only when chosen, so a PostgreSQL deployment never loads better-sqlite3.
async function openDeliveryState(config: HubConfig): Promise<DeliveryStateStore> {
  if (config.databaseUrl) {
    const { openPostgresDeliveryState } = await import('@scim-hub/outbound/postgres');
    return openPostgresDeliveryState({ connectionString: config.databaseUrl, schema: 'scim_hub_outbound' });
  }
  const { openSqliteDeliveryState } = await import('@scim-hub/outbound/sqlite');
  return openSqliteDeliveryState({ file: join(config.dataDir, 'outbound.db') });
}

async function outboundLeases(connectionString: string) {
  const { PostgresProjectionLeases } = await import('@scim-hub/event-store/postgres');
  return new PostgresProjectionLeases({ connectionString, scope: 'scim_hub_outbound' });
}

async function busChangeFeedFor(config: HubConfig, scim: ScimComposition, services: CompositionServices) {
  const { busChangeFeed } = await import('@scim-hub/messaging');
  return busChangeFeed({ bus: await openMessageBus(config, scim.eventStore, services), store: scim.eventStore });
}

// A removed target's delivery state (cursor, id map, parked changes) is dropped at once, whoever removed it
// (API, CLI, another replica): re-adding the id later starts with a fresh initial sync, which matches the
// users already on the application before creating anything.
function forgetRemovedTargets(registry: TargetRegistry, engine: OutboundEngine, logger: HubLogger): void {
  let known = new Set(registry.views().map((view) => view.id));
  registry.subscribe(() => {
    const now = new Set(registry.views().map((view) => view.id));
    for (const id of known) {
      if (now.has(id)) continue;
      engine.forget(id).then(
        () => logger.info({ target: id }, 'outbound: removed target forgotten'),
        (err: unknown) => logger.warn({ err, target: id }, 'outbound: cannot forget a removed target'),
      );
    }
    known = now;
  });
}

function outboundHooks(logger: HubLogger, metrics: OutboundMetricsSink): OutboundHooks {
  const count = (target: string, resourceType: string, outcome: string) => metrics.deliveries.inc({ target, resource_type: resourceType, outcome });
  return {
    delivered: (e) => count(e.targetId, e.resourceType, 'delivered'),
    failed: (e) => count(e.targetId, e.resourceType, e.error.retriable ? 'retried' : 'failed'),
    parked: (e) => count(e.targetId, e.resourceType, 'parked'),
    request: (e) => metrics.requestDuration.observe({ target: e.targetId, method: e.method }, e.ms / 1000),
    quarantine: (e) =>
      e.quarantined ? logger.warn({ target: e.targetId, reason: e.reason }, 'outbound: target quarantined') : logger.info({ target: e.targetId }, 'outbound: target out of quarantine'),
    log: (level, message, fields) => logger[level]({ ...fields }, `outbound: ${message}`),
  };
}

// Removal is never implied by a missing entry: a target the file does not list is reported and kept.
async function applyTargetsFile(path: string, registry: TargetRegistry, logger: HubLogger): Promise<void> {
  const outcome = await applyTargets(registry, readTargetsFile(path), { actor: 'file' });
  logger.info({ file: path, added: outcome.added, changed: outcome.changed, unchanged: outcome.unchanged.length }, 'HUB_TARGETS_FILE applied');
  if (outcome.notInFile.length > 0) {
    logger.warn({ file: path, targets: outcome.notInFile }, 'targets not in HUB_TARGETS_FILE are kept; remove them with the API or the CLI');
  }
}
