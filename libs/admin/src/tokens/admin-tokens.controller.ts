import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, UseGuards, UsePipes, ValidationPipe } from '@nestjs/common';
import type { CreatedToken, TokenInfo, TokenStore } from '@scim-hub/access';
import { InjectTokenStore } from '@scim-hub/access/nest';
import { notFound } from '@scim-hub/scim';
import { AdminTokenGuard } from '../admin-token.guard';
import { CreateTokenDto, ListTokensQuery } from './create-token.dto';

/** `/admin/tokens`: list, create (secret shown once), revoke — the same operations as `scim-hub tokens`. */
@Controller('admin/tokens')
@UseGuards(AdminTokenGuard)
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }))
export class AdminTokensController {
  constructor(@InjectTokenStore() private readonly store: TokenStore) {}

  @Get()
  async list(@Query() query: ListTokensQuery): Promise<{ tokens: TokenInfo[] }> {
    return { tokens: await this.store.list(query.tenant) };
  }

  @Post()
  // The response holds the secret: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  async create(@Body() body: CreateTokenDto): Promise<CreatedToken> {
    return this.store.create(body.tenant, body.label ?? '');
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string): Promise<void> {
    if (!(await this.store.revoke(id))) throw notFound(`token ${id.slice(0, 64)} not found or already revoked`);
  }
}
