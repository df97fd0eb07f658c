import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type TokenStore, ensureInitialToken, firstTokenBanner, openTokenStore } from '@scim-hub/access';
import type { JwtVerifier } from '@scim-hub/access/nest';
import { AdminProjectionsModule } from '@scim-hub/admin';
import { SCIM_BASE_PATH, SCIM_ENDPOINT_NAMES } from '@scim-hub/ingress';
import {
  type HubConfig,
  type HubLogger,
  MetricsService,
  ReadinessRegistry,
  ShutdownRegistry,
  createHttpApp,
  installGracefulShutdown,
} from '@scim-hub/platform';
import { composeAudit } from './compose/audit.composition';
import { openAuditIndex } from './compose/audit-storage.composition';
import { composeOutbound } from './compose/outbound.composition';
import { composeScim } from './compose/scim.composition';
import { openNamed } from './compose/storage.composition';
import { HubModule } from './hub.module';

/** Where start-up messages go (stdout in production; captured in tests). */
export type Print = (text: string) => void;

/** A started hub. */
export interface StartedHub {
  readonly app: NestFastifyApplication;
  readonly scimBaseUrl: string;
}

/**
 * Starts the all-in-one hub: token store (+ first-start token), SCIM API, admin API, platform endpoints;
 * listens on HUB_HOST:HUB_PORT and installs graceful shutdown. Whatever was opened is closed on failure.
 */
export async function startHub(config: HubConfig, logger: HubLogger, print: Print): Promise<StartedHub> {
  const metrics = new MetricsService({ defaultMetrics: true });
  const readiness = new ReadinessRegistry();
  const shutdown = new ShutdownRegistry();
  try {
    const tokenStore = await openNamed(config.databaseUrl ? 'DATABASE_URL' : 'HUB_DATA_DIR', () => openTokenStore(config));
    shutdown.register('token store', () => tokenStore.close());
    readiness.register('token-store', async () => (await tokenStore.hasAnyToken(), true));
    const scimBaseUrl = `${config.publicUrl}${SCIM_BASE_PATH}`;
    await announceInitialToken(tokenStore, config, scimBaseUrl, print);
    const services = { logger, metrics, readiness, shutdown };
    const auditIndex = await openAuditIndex(config);
    shutdown.register('audit index', () => auditIndex.close());
    const scim = await composeScim(config, services, async () => [auditIndex]);
    const audit = await composeAudit(config, services, scim, auditIndex);
    const targets = await composeOutbound(config, services, scim);
    const jwt = await jwtVerifierFor(config);
    const admin = [AdminProjectionsModule.forRoot(scim.projections)];
    const module = HubModule.forRoot({ platform: { config, ...services }, tokenStore, jwt, scim: scim.module, audit, targets, admin });
    const app = await createHttpApp(module, config, { logger, scimEndpoints: SCIM_ENDPOINT_NAMES });
    installGracefulShutdown(app, { logger, readiness });
    await app.listen(config.port, config.host);
    print(startMessage(config, scimBaseUrl));
    return { app, scimBaseUrl };
  } catch (error) {
    await shutdown.runAll();
    throw error;
  }
}

async function announceInitialToken(store: TokenStore, config: HubConfig, scimBaseUrl: string, print: Print): Promise<void> {
  const outcome = await ensureInitialToken(store, config.bootstrapToken);
  // The token goes to stdout only, never into the JSON log.
  if (outcome.kind === 'generated') print(firstTokenBanner(outcome.token, scimBaseUrl));
}

// jose is loaded only when Entra JWTs are configured.
async function jwtVerifierFor(config: HubConfig): Promise<JwtVerifier | undefined> {
  if (!config.jwt) return undefined;
  const { EntraJwtVerifier } = await import('@scim-hub/access/jwt');
  return new EntraJwtVerifier({ ...config.jwt, tenant: 'default' });
}

function startMessage(config: HubConfig, scimBaseUrl: string): string {
  return [
    `scim-hub listening on http://${config.host}:${config.port} (store: ${config.store})`,
    `SCIM base URL (Entra "Tenant URL"): ${scimBaseUrl}`,
    'Get a token: npm run hub -- tokens create --tenant default',
    '',
  ].join('\n');
}
