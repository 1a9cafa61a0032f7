/// Versioned schema changes, applied in order; `PRAGMA user_version` records how far a database has come.
/// Never edit a shipped migration: append a new one.
enum Migrations {
    static let all: [String] = [
        // 1: content-addressed blobs, results by fingerprint, the stat cache.
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            format TEXT,
            data BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE results (
            fingerprint TEXT PRIMARY KEY,
            blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            placeholder INTEGER NOT NULL,
            model_version TEXT,
            response_id TEXT,
            response_text TEXT,
            thought_signatures TEXT,
            usage TEXT,
            cost_usd REAL,
            inputs TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX results_by_blob ON results(blob_sha256);
        CREATE TABLE file_stats (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            ctime_ns INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            stat_time_ns INTEGER NOT NULL
        );
        """,
        // 2: every provider call, for `usage` and audits. Never holds the API key.
        """
        CREATE TABLE calls (
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            asset_id TEXT NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            status TEXT NOT NULL,
            http_status INTEGER,
            attempts INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            prompt_tokens INTEGER,
            output_tokens INTEGER,
            thoughts_tokens INTEGER,
            cost_usd REAL,
            error TEXT
        );
        CREATE INDEX calls_by_time ON calls(started_at);
        """,
        // 3: the last all-fresh status, replayed while no input has changed (see StatusSnapshot).
        """
        CREATE TABLE snapshots (
            key TEXT PRIMARY KEY,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        """,
        // 4: images derived from an answer (format conversions, later renditions), File API uploads,
        //    and calls that may have been billed although no answer arrived.
        """
        CREATE TABLE derived (
            source_sha256 TEXT NOT NULL,
            recipe TEXT NOT NULL,
            output_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            created_at INTEGER NOT NULL,
            PRIMARY KEY (source_sha256, recipe)
        );
        CREATE INDEX derived_by_output ON derived(output_sha256);
        CREATE TABLE uploads (
            sha256 TEXT NOT NULL,
            endpoint TEXT NOT NULL,
            name TEXT NOT NULL,
            uri TEXT NOT NULL,
            mime_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (sha256, endpoint)
        );
        ALTER TABLE calls ADD COLUMN possibly_billed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE calls ADD COLUMN reserved_usd REAL;
        """,
        // 5: Batch API jobs, recorded before the submit call returns, and which asset each request stands for.
        """
        CREATE TABLE batch_jobs (
            display_name TEXT PRIMARY KEY,
            name TEXT,
            model TEXT NOT NULL,
            state TEXT NOT NULL,
            input TEXT NOT NULL,
            estimated_usd REAL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            applied INTEGER NOT NULL DEFAULT 0,
            error TEXT
        );
        CREATE TABLE batch_requests (
            display_name TEXT NOT NULL REFERENCES batch_jobs(display_name),
            key TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            error TEXT,
            inputs TEXT NOT NULL,
            PRIMARY KEY (display_name, key)
        );
        CREATE INDEX batch_requests_by_asset ON batch_requests(asset_id);
        ALTER TABLE results ADD COLUMN batch_job TEXT;
        ALTER TABLE calls ADD COLUMN batch INTEGER NOT NULL DEFAULT 0;
        """,
        // 6: every answer for a fingerprint, numbered (variants and re-rolls; `results` holds the chosen one and
        //    its number), each existing result becoming variant 1; and each generate run's report, for `report`.
        """
        CREATE TABLE variants (
            fingerprint TEXT NOT NULL,
            n INTEGER NOT NULL,
            blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            placeholder INTEGER NOT NULL,
            model_version TEXT,
            response_id TEXT,
            response_text TEXT,
            thought_signatures TEXT,
            usage TEXT,
            cost_usd REAL,
            inputs TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            batch_job TEXT,
            PRIMARY KEY (fingerprint, n)
        );
        CREATE INDEX variants_by_blob ON variants(blob_sha256);
        INSERT INTO variants SELECT fingerprint, 1, blob_sha256, provider, model, placeholder, model_version, response_id, response_text,
            thought_signatures, usage, cost_usd, inputs, started_at, finished_at, created_at, batch_job FROM results;
        ALTER TABLE results ADD COLUMN variant INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            finished_at INTEGER NOT NULL,
            baseline TEXT,
            report TEXT NOT NULL
        );
        """,
        // 7: the no-op snapshot moved to a flat file in the cache folder (StatusSnapshot); its table goes.
        """
        DROP TABLE snapshots;
        """,
        // 8: a batch request's variant number (`variants: N` with --batch sends N requests for one asset).
        """
        ALTER TABLE batch_requests ADD COLUMN variant INTEGER NOT NULL DEFAULT 1;
        """,
        // 9: edit chains: every turn's full answer by its turn fingerprint (the model's content as answered, thought
        //    signatures included, for the next turn to replay), its image, usage and cost.
        """
        CREATE TABLE edit_turns (
            fingerprint TEXT PRIMARY KEY,
            asset_id TEXT NOT NULL,
            turn INTEGER NOT NULL,
            provider TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt TEXT NOT NULL,
            content TEXT NOT NULL,
            blob_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            model_version TEXT,
            usage TEXT,
            cost_usd REAL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX edit_turns_by_blob ON edit_turns(blob_sha256);
        """,
        // 10: what the judge model answered about an image (checks, alt text), by image hash and question key.
        """
        CREATE TABLE judgements (
            image_sha256 TEXT NOT NULL,
            question_key TEXT NOT NULL,
            answer TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (image_sha256, question_key)
        );
        """,
    ]
}
