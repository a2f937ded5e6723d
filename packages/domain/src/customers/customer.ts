import type { IdentityKind, IdentityProvenance } from './identity.js';

export interface CustomerIdentity {
  id: string;
  kind: IdentityKind;
  scope: string;
  value: string;
  verified: boolean;
  provenance: IdentityProvenance;
  createdAt: Date;
}

export interface Customer {
  id: string;
  workspaceId: string;
  displayName: string | null;
  attributes: Record<string, unknown>;
  timeZone: string | null;
  locale: string | null;
  /** Set when this profile was merged into another; reads follow it. */
  mergedInto: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  identities: CustomerIdentity[];
}

export interface Consent {
  id: string;
  addressKind: IdentityKind;
  address: string;
  purpose: string;
  channelType: string | null;
  status: 'granted' | 'revoked';
  source: string;
  recordedAt: Date;
}
