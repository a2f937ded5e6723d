import type { ApiClient } from './api-client.js';
import type { Conversation } from './types.js';

/** One identity value linking two profiles, and whether each side holds it verified. */
export interface MergeEvidenceItem {
  kind: string;
  value: string;
  targetVerified: boolean;
  sourceVerified: boolean;
}

export interface MergeEvidence {
  identities: MergeEvidenceItem[];
  sameDisplayName?: boolean;
}

export interface MergeSuggestion {
  id: string;
  customerIds: [string, string];
  evidence: MergeEvidence;
  score: number;
  status: 'open' | 'accepted' | 'dismissed';
}

export interface CustomerMerge {
  id: string;
  sourceCustomerId: string;
  targetCustomerId: string;
  reason: string;
  provenance: 'rule' | 'agent' | 'signed_identify';
  evidence: MergeEvidence;
  createdAt: string;
  undoneAt: string | null;
  conflicts: Array<{ field: string; targetValue: unknown; sourceValue: unknown }>;
}

export interface ReachableChannel {
  channelId: string;
  type: string;
  name: string;
  current: boolean;
  reachable: boolean;
  address: string | null;
  collect: 'phone' | 'email' | null;
  refusal: { code: string; message: string } | null;
}

const id = encodeURIComponent;

/**
 * Identity reconciliation and channel switch endpoints (spread into `parleyApi`).
 *
 * @example const suggestions = await api.mergeSuggestions(customerId);
 */
export function mergeEndpoints(client: ApiClient) {
  return {
    mergeSuggestions: async (customerId: string) =>
      (await client.request<{ items: MergeSuggestion[] }>('GET', `/api/v1/customers/${id(customerId)}/merge-suggestions`)).items,
    merges: async (customerId: string) => (await client.request<{ items: CustomerMerge[] }>('GET', `/api/v1/customers/${id(customerId)}/merges`)).items,
    acceptSuggestion: (suggestionId: string, targetCustomerId: string) =>
      client.request<{ merge: CustomerMerge }>('POST', `/api/v1/merge-suggestions/${id(suggestionId)}/accept`, { body: { targetCustomerId } }),
    dismissSuggestion: (suggestionId: string) => client.request<MergeSuggestion>('POST', `/api/v1/merge-suggestions/${id(suggestionId)}/dismiss`, { body: {} }),
    undoMerge: (mergeId: string) => client.request<CustomerMerge>('POST', `/api/v1/merges/${id(mergeId)}/undo`, { body: {} }),
    reachableChannels: async (conversationId: string) =>
      (await client.request<{ items: ReachableChannel[] }>('GET', `/api/v1/conversations/${id(conversationId)}/reachable-channels`)).items,
    switchChannel: (conversationId: string, channelId: string, address?: string) =>
      client.request<Conversation>('POST', `/api/v1/conversations/${id(conversationId)}/switch-channel`, {
        body: { channelId, ...(address ? { address } : {}) },
      }),
  };
}
