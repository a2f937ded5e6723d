import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId, type FileStorage, type StoredFile } from '@parley/kernel';
import type { Database } from './schema.js';

/** Attachments in PostgreSQL `bytea`: transactional with the messages and in every backup. */
export class PgFileStorage implements FileStorage {
  constructor(private readonly db: Kysely<Database>) {}

  async put(input: { workspaceId: string; fileName: string; contentType: string; data: Buffer }): Promise<StoredFile> {
    const file: StoredFile = {
      id: newId(),
      workspaceId: input.workspaceId,
      fileName: input.fileName,
      contentType: input.contentType,
      sizeBytes: input.data.length,
      sha256: createHash('sha256').update(input.data).digest('hex'),
    };
    await this.db
      .insertInto('attachments')
      .values({ id: file.id, workspace_id: file.workspaceId, file_name: file.fileName, content_type: file.contentType, size_bytes: file.sizeBytes, sha256: file.sha256, data: input.data })
      .execute();
    return file;
  }

  async get(workspaceId: string, id: string): Promise<(StoredFile & { data: Buffer }) | null> {
    const row = await this.db.selectFrom('attachments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return { id: row.id, workspaceId: row.workspace_id, fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, sha256: row.sha256, data: Buffer.from(row.data) };
  }

  async attachToMessage(workspaceId: string, fileIds: string[], messageId: string): Promise<void> {
    if (fileIds.length === 0) return;
    await this.db.updateTable('attachments').set({ message_id: messageId }).where('workspace_id', '=', workspaceId).where('id', 'in', fileIds).where('message_id', 'is', null).execute();
  }
}
