import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../admin-token.guard';
import { adminOpenApiDocument } from './admin-openapi.document';

const DOCUMENT_VERSION = '0.1.0';

/** `GET /admin/openapi.json`: the admin API's OpenAPI document (admin token required, like every /admin route). */
@Controller('admin')
@UseGuards(AdminTokenGuard)
export class OpenApiController {
  private readonly document = adminOpenApiDocument(DOCUMENT_VERSION);

  @Get('openapi.json')
  @Header('Content-Type', 'application/json')
  get(): Record<string, unknown> {
    return this.document;
  }
}
