-- +goose Up
-- EDI X12 bookkeeping: control numbers per trading-partner channel (ISA13, GS06, ST02 must
-- never repeat, across restarts and concurrent publishers) and every transaction set sent,
-- so a 997 acknowledgement read back later finds the publications it speaks for.
-- Twin of the other dialect's 00012_connectors.sql.
CREATE TABLE edi_control_numbers (
    channel_id BIGINT NOT NULL REFERENCES channels (id),
    counter    TEXT NOT NULL,              -- interchange (ISA13), group (GS06), transaction (ST02)
    last_value BIGINT NOT NULL DEFAULT 0,  -- the last number handed out; the next is last_value + 1
    PRIMARY KEY (channel_id, counter)
);

CREATE TABLE edi_transactions (
    id                  BIGSERIAL PRIMARY KEY,
    channel_id          BIGINT NOT NULL REFERENCES channels (id),
    interchange_control BIGINT NOT NULL,
    group_control       BIGINT NOT NULL,
    transaction_control BIGINT NOT NULL,
    set_code            TEXT NOT NULL,                 -- 832, 846
    file_name           TEXT NOT NULL,
    publication_ids     TEXT NOT NULL DEFAULT '[]',    -- JSON array, in the order of the lines
    status              TEXT NOT NULL DEFAULT 'sent',  -- writing, not_sent, sent, accepted, accepted_with_errors, rejected
    ack_note            TEXT NOT NULL DEFAULT '',      -- the 997's errors in plain words
    ack_file            TEXT NOT NULL DEFAULT '',
    sent_at             TIMESTAMPTZ NOT NULL,
    acked_at            TIMESTAMPTZ
);
CREATE UNIQUE INDEX edi_transactions_control ON edi_transactions (channel_id, group_control, transaction_control);
CREATE INDEX edi_transactions_status ON edi_transactions (channel_id, status, id);

-- +goose Down
DROP TABLE edi_transactions;
DROP TABLE edi_control_numbers;
