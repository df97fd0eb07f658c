import { type DynamicModule, Global, Inject, Module } from '@nestjs/common';
import type { TokenStore } from '../token-store.port';
import { BearerAuthenticator, type JwtVerifier } from './bearer-authenticator';
import { ScimBearerGuard } from './scim-bearer.guard';

/** Injection token of the TokenStore. */
export const TOKEN_STORE = Symbol('TOKEN_STORE');

/** Parameter decorator injecting the TokenStore. */
export const InjectTokenStore = (): ParameterDecorator => Inject(TOKEN_STORE);

/** What AccessModule runs on: the opened token store and, optionally, an Entra JWT verifier. */
export interface AccessModuleOptions {
  readonly store: TokenStore;
  readonly jwt?: JwtVerifier;
}

/** Global module providing the TokenStore, the BearerAuthenticator and ScimBearerGuard to every module. */
@Global()
@Module({})
export class AccessModule {
  static forRoot(options: AccessModuleOptions): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        { provide: TOKEN_STORE, useValue: options.store },
        { provide: BearerAuthenticator, useValue: new BearerAuthenticator(options.store, options.jwt) },
        ScimBearerGuard,
      ],
      exports: [TOKEN_STORE, BearerAuthenticator, ScimBearerGuard],
    };
  }
}
