import { TENANT_PATTERN, TENANT_RULE } from '@scim-hub/access';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Body of POST /admin/tokens. */
export class CreateTokenDto {
  @IsString({ message: 'tenant must be a string' })
  @Matches(TENANT_PATTERN, { message: `tenant must be ${TENANT_RULE}` })
  tenant!: string;

  @IsOptional()
  @IsString({ message: 'label must be a string' })
  @MaxLength(200, { message: 'label must be at most 200 characters' })
  label?: string;
}

/** Query of GET /admin/tokens. */
export class ListTokensQuery {
  @IsOptional()
  @Matches(TENANT_PATTERN, { message: `tenant must be ${TENANT_RULE}` })
  tenant?: string;
}
