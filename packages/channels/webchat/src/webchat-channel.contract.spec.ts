import { describeChannelAdapterContract } from '@parley/channel-sdk/testing';
import { createWebchatChannelAdapter } from './webchat-channel.adapter.js';

// Visitors write through the real-time connection, not a webhook; replies go to the gateway,
// which pushes them to the visitor's open widgets (the history has them when it reconnects).
describeChannelAdapterContract('webchat', {
  setup: (provider) => ({
    adapter: createWebchatChannelAdapter({ gateway: { deliver: (delivery) => provider.received(delivery.message.text) } }),
    configInput: { brandName: 'Maison Lumière', allowedOrigins: ['https://shop.example.com'] },
    channel: { id: '0190a000-0000-7000-8000-000000000101', workspaceId: 'ws', name: 'Chat', config: { brandName: 'Maison Lumière' } },
    secrets: { identitySecret: 'webchat-contract-identity-secret' },
    inbound: null,
    outbound: { customer: { id: 'cust', externalId: null, identities: [] }, returnsProviderId: false, outcomes: ['ok'] },
  }),
});
