import { Controller, UseGuards } from '@nestjs/common';
import { ScimBearerGuard } from '@scim-hub/access/nest';
import { ResourceController } from './resource.controller';

/** /scim/v2/Groups (RFC 7644 §3; docs/entra-compatibility.md, endpoints: group PATCH and DELETE answer 204). */
@Controller('scim/v2/Groups')
@UseGuards(ScimBearerGuard)
export class GroupsController extends ResourceController {
  protected readonly type = 'Group' as const;
}
