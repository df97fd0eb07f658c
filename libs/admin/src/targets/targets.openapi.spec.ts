import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { AdminOutboundController } from './admin-outbound.controller';
import { AdminTargetsController } from './admin-targets.controller';
import { TARGETS_OPENAPI_PATHS, TARGETS_OPENAPI_SCHEMAS } from './targets.openapi';

// Every route the controllers serve, read from Nest's own metadata, as `METHOD /path/{param}`.
function routesOf(controller: new (...args: never[]) => unknown): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string;
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && Reflect.getMetadata(PATH_METADATA, prototype[name] as object) !== undefined)
    .map((name) => {
      const handler = prototype[name] as object;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${base}${sub === '/' ? '' : `/${sub}`}`.replace(/:([A-Za-z]+)/g, '{$1}');
      return `${method} ${path}`;
    });
}

describe('targets OpenAPI', () => {
  it('describes every route the controllers serve, and only those', () => {
    const served = [...routesOf(AdminTargetsController), ...routesOf(AdminOutboundController)].sort();
    const described = Object.entries(TARGETS_OPENAPI_PATHS)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(described).toEqual(served);
  });

  it('refers only to schemas it defines', () => {
    const refs = JSON.stringify(TARGETS_OPENAPI_PATHS).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const ref of new Set(refs)) expect(Object.keys(TARGETS_OPENAPI_SCHEMAS)).toContain(ref.split('/').at(-1));
  });
});
