/** Every permission a role can grant. Routes declare the one they need. */
export const PERMISSIONS = [
  'workspace:manage',
  'users:manage',
  'api_tokens:manage',
  'channels:manage',
  'channels:read',
  'customers:read',
  'customers:write',
  'conversations:read',
  'conversations:reply',
  'conversations:manage',
  'notes:write',
  'supervise',
  'knowledge:write',
  /** Queues, advisors' routing profiles (skills, capacity), other advisors' presence. */
  'routing:manage',
  /** Take part in routing: own presence, accept/decline offers, pull from a queue, transfer. */
  'routing:work',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export interface RoleDefinition {
  key: string;
  name: string;
  permissions: Permission[];
}

/** Roles every workspace starts with; custom roles are rows built from the same permissions. */
export const BUILT_IN_ROLES: RoleDefinition[] = [
  { key: 'admin', name: 'Administrator', permissions: [...PERMISSIONS] },
  {
    key: 'supervisor',
    name: 'Supervisor',
    permissions: ['channels:read', 'customers:read', 'customers:write', 'conversations:read', 'conversations:reply', 'conversations:manage', 'notes:write', 'supervise', 'routing:manage', 'routing:work'],
  },
  {
    key: 'agent',
    name: 'Agent',
    permissions: ['channels:read', 'customers:read', 'customers:write', 'conversations:read', 'conversations:reply', 'notes:write', 'routing:work'],
  },
  { key: 'knowledge_editor', name: 'Knowledge editor', permissions: ['customers:read', 'conversations:read', 'knowledge:write'] },
];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
