-- Resilience: how many of a conversation's oldest turns its summary (conversations.summary) covers,
-- so that a summary is written again only when more turns have to be left out of a prompt.
ALTER TABLE conversations ADD COLUMN summary_turns INTEGER NOT NULL DEFAULT 0;
