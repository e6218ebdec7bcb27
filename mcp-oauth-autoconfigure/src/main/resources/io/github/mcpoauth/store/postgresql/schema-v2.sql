-- mcp-oauth PostgreSQL store, schema version 2: the expiry of each token in clear, so that
-- listing and purging need not decrypt every row (and an operator can purge with SQL alone:
-- DELETE FROM mcp_oauth_token WHERE NOT refreshable AND expires_at < now()).
-- Rows written before stay NULL in both columns until they are written again; the store
-- decrypts those to decide.

ALTER TABLE mcp_oauth_token ADD COLUMN expires_at timestamptz;
ALTER TABLE mcp_oauth_token ADD COLUMN refreshable boolean;
CREATE INDEX mcp_oauth_token_purge ON mcp_oauth_token (expires_at) WHERE NOT refreshable;

INSERT INTO mcp_oauth_schema (version, description) VALUES (2, 'token expiry columns');
