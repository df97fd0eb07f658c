// ── Outbound composition ── The target registry (targets as events in the hub's own event store, credentials
// sealed with HUB_SECRETS_KEY or the generated key file), HUB_TARGETS_FILE applied as desired state, per-target
// metrics, the /admin/targets module — and the place where the outbound engine of @scim-hub/outbound starts.
import type { DynamicModule } from '@nestjs/common';
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
import { type OutboundMetricsSink, registerOutboundMetrics } from './outbound.metrics';
import type { CompositionServices, ScimComposition } from './scim.composition';

/** Opens the registry, applies HUB_TARGETS_FILE, starts the engine (when composed) and returns the admin module. */
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
  control = (await startOutboundEngine({ config, services, scim, registry, metrics: sink })) ?? control;
  return AdminTargetsModule.forRoot({ registry, control });
}

/** What the engine needs from the hub. */
export interface OutboundEngineContext {
  readonly config: HubConfig;
  readonly services: CompositionServices;
  /** The event store (log to follow) and the read model (initial sync, reconcile's desired state). */
  readonly scim: ScimComposition;
  /** TargetSource: `list()` gives definitions with secrets opened; `subscribe()` fires on every change. */
  readonly registry: TargetRegistry;
  readonly metrics: OutboundMetricsSink;
}

/**
 * ══ ENGINE ADAPTER POINT ══ Start the dispatcher of @scim-hub/outbound here and return its control surface
 * adapted to OutboundControl (status, resourceStatus, parked, redrive, reconcile). Expected shape:
 *   open the delivery-state store beside the event store (SQLite under HUB_DATA_DIR / PostgreSQL with DATABASE_URL),
 *   const engine = new OutboundEngine({ store: ctx.scim.eventStore, readModel: ctx.scim.readModel, targets: ctx.registry, state, … });
 *   await engine.start(); ctx.services.shutdown.register('outbound engine', () => engine.stop());
 *   return adaptEngine(engine);
 * Until then the hub runs without one: the control endpoints answer 503 and the per-target gauges stay empty.
 */
async function startOutboundEngine(_context: OutboundEngineContext): Promise<OutboundControl | undefined> {
  return undefined;
}

// Removal is never implied by a missing entry: a target the file does not list is reported and kept.
async function applyTargetsFile(path: string, registry: TargetRegistry, logger: HubLogger): Promise<void> {
  const outcome = await applyTargets(registry, readTargetsFile(path), { actor: 'file' });
  logger.info({ file: path, added: outcome.added, changed: outcome.changed, unchanged: outcome.unchanged.length }, 'HUB_TARGETS_FILE applied');
  if (outcome.notInFile.length > 0) {
    logger.warn({ file: path, targets: outcome.notInFile }, 'targets not in HUB_TARGETS_FILE are kept; remove them with the API or the CLI');
  }
}
