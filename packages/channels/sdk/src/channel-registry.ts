import { AppError } from '@parley/kernel';
import type { ChannelAdapter } from './channel-adapter.js';

/** Adapters registered at the composition root; nothing registers itself on import. */
export class ChannelRegistry {
  private readonly adapters = new Map<string, ChannelAdapter>();

  register(adapter: ChannelAdapter): this {
    if (this.adapters.has(adapter.manifest.type)) throw new Error(`Channel type ${adapter.manifest.type} registered twice`);
    this.adapters.set(adapter.manifest.type, adapter);
    return this;
  }

  get(type: string): ChannelAdapter {
    const adapter = this.adapters.get(type);
    if (!adapter) throw new AppError('unsupported_channel_type', `Unknown channel type "${type}"; known: ${this.types().join(', ')}`);
    return adapter;
  }

  types(): string[] {
    return [...this.adapters.keys()];
  }
}
