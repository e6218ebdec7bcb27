-- mcp-oauth PostgreSQL store, schema version 1: tokens, client registrations and the key's salt.
-- Applied by PostgresTokenStore at start-up (mcp.oauth.storage.database.initialize-schema=true, the
-- default), or by hand: run schema-v1.sql, then every later schema-vN.sql in order, each once.
-- Values are AES-256-GCM sealed by the application; the database never sees a token in clear.

CREATE TABLE IF NOT EXISTS mcp_oauth_schema (
    version     integer     PRIMARY KEY,
    description text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: how the key is derived from the password (PBKDF2-HMAC-SHA256), with the salt every
-- instance uses, and a key check that tells a wrong password apart from damaged data.
CREATE TABLE mcp_oauth_key (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    kdf        text        NOT NULL,
    iterations integer     NOT NULL,
    salt       bytea       NOT NULL,
    key_check  bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One token per MCP server and principal. version grows by one on every write: deletes and
-- refresh-lock holders write with compare-and-set on it.
CREATE TABLE mcp_oauth_token (
    server_name text        NOT NULL,
    principal   text        NOT NULL,
    version     bigint      NOT NULL,
    value       bytea       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (server_name, principal)
);

-- One client registration per MCP server and authorization-server issuer.
CREATE TABLE mcp_oauth_registration (
    server_name text        NOT NULL,
    issuer      text        NOT NULL,
    version     bigint      NOT NULL,
    value       bytea       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (server_name, issuer)
);

INSERT INTO mcp_oauth_schema (version, description) VALUES (1, 'tokens, registrations, key');
