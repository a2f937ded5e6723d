import { sql, type Kysely } from 'kysely';

// Bot-level secrets for HTTP actions (`{{secrets.NAME}}`): sealed like channel secrets (envelope
// encryption, key rotation), with their names kept apart so the API can list them without
// opening the box. One-time codes need no table: their hash lives in the conversation's bot state.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table bots add column sealed_secrets jsonb;
    alter table bots add column secret_names jsonb not null default '[]'::jsonb;
  `.execute(db);
}
