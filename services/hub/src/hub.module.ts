import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { TokenStore } from '@scim-hub/access';
import { AccessModule, type JwtVerifier } from '@scim-hub/access/nest';
import { AdminModule } from '@scim-hub/admin';
import { PlatformModule, type PlatformServices } from '@scim-hub/platform';
import { ScimFallbackController } from './scim-fallback.controller';

/** Everything the root module composes; built by startHub. */
export interface HubParts {
  readonly platform: PlatformServices;
  readonly tokenStore: TokenStore;
  readonly jwt?: JwtVerifier;
  /** The SCIM API (ScimModule.forRoot(...) from @scim-hub/ingress), composed in compose/scim.composition.ts. */
  readonly scim?: DynamicModule | Type<unknown>;
  /** /admin/audit and /admin/erasure (AuditAdminModule from @scim-hub/admin), composed in compose/audit.composition.ts. */
  readonly audit?: DynamicModule;
  /** /admin/targets and the outbound engine's control endpoints, composed in compose/outbound.composition.ts. */
  readonly targets?: DynamicModule;
  /** Admin API parts that need composed services (e.g. AdminProjectionsModule.forRoot(runner)). */
  readonly admin?: readonly DynamicModule[];
}

/** The all-in-one hub: platform (config, logs, metrics, health), access, admin API and the SCIM API. */
@Module({})
export class HubModule {
  static forRoot(parts: HubParts): DynamicModule {
    return {
      module: HubModule,
      imports: [
        PlatformModule.forRoot(parts.platform),
        AccessModule.forRoot({ store: parts.tokenStore, jwt: parts.jwt }),
        AdminModule,
        ...(parts.admin ?? []),
        // ── SCIM API ── /scim/v2 (@scim-hub/ingress ScimModule), see compose/scim.composition.ts.
        ...(parts.scim ? [parts.scim] : []),
        ...(parts.audit ? [parts.audit] : []),
        // ── Outbound ── /admin/targets (@scim-hub/admin AdminTargetsModule), see compose/outbound.composition.ts.
        ...(parts.targets ? [parts.targets] : []),
      ],
      controllers: [ScimFallbackController],
    };
  }
}
