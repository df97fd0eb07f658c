import { All, Controller, Req, UseGuards } from '@nestjs/common';
import { ScimBearerGuard } from '@scim-hub/access/nest';
import { notFound } from '@scim-hub/scim';
import type { FastifyRequest } from 'fastify';

/**
 * Every /scim/v2 path no SCIM controller claims: authenticate first, then 404. An unauthenticated
 * caller gets 401 on the whole base path and so learns nothing about which endpoints exist; the
 * router prefers the SCIM controllers' static and parametric routes over this wildcard.
 */
@Controller('scim/v2')
@UseGuards(ScimBearerGuard)
export class ScimFallbackController {
  @All('*')
  unknown(@Req() request: FastifyRequest): never {
    throw notFound(`no endpoint ${request.method} ${request.url.split('?')[0]}`);
  }
}
