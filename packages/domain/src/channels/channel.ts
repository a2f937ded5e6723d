/** A configured channel of a workspace. Secrets are sealed at rest and opened only by the core. */
export interface Channel {
  id: string;
  workspaceId: string;
  type: string;
  name: string;
  config: Record<string, unknown>;
  botId: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}
