/** A stored file (attachment). */
export interface StoredFile {
  id: string;
  workspaceId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where attachment bytes live. The default keeps them in PostgreSQL (`bytea`), so a backup of
 * the database is a backup of everything; an S3-compatible driver can replace it.
 *
 * @example
 * const file = await files.put({ workspaceId, fileName: 'facture.pdf', contentType: 'application/pdf', data });
 */
export interface FileStorage {
  put(input: { workspaceId: string; fileName: string; contentType: string; data: Buffer }): Promise<StoredFile>;
  get(workspaceId: string, id: string): Promise<(StoredFile & { data: Buffer }) | null>;
  /** Ties uploaded files to the message that carries them. */
  attachToMessage(workspaceId: string, fileIds: string[], messageId: string): Promise<void>;
}
